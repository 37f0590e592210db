import type { TestApp } from "../../support/app";
import { postForm, scim } from "../../auth/helpers";

/** A service principal with a fresh secret, created through SCIM by the admin. */
export async function servicePrincipal(t: TestApp, displayName: string): Promise<{ id: string; clientId: string; secret: string }> {
  const sp = await t.admin.post(scim("/ServicePrincipals"), { displayName });
  if (sp.status !== 201) throw new Error(`create sp: ${JSON.stringify(sp.body)}`);
  const secret = await t.admin.post(scim(`/ServicePrincipals/${sp.body.id}/secrets`), {});
  return { id: sp.body.id, clientId: sp.body.applicationId, secret: secret.body.secret };
}

export const basic = (id: string, secret: string) => `Basic ${btoa(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`)}`;

/** Client-credentials request with HTTP Basic authentication. */
export const m2mToken = (t: TestApp, clientId: string, secret: string, fields: Record<string, string> = { grant_type: "client_credentials", scope: "all-apis" }) =>
  postForm(t.client(), "/oidc/v1/token", fields, { authorization: basic(clientId, secret) });
