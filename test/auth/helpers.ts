import { asc } from "drizzle-orm";
import { auditLog } from "../../schema/index";
import type { Services } from "../../src/services";
import type { ApiClient, ApiResponse } from "../support/client";
import { startTestApp, type TestApp, type TestAppOptions } from "../support/app";
import { startOidcProvider, type TestOidcProvider } from "../support/oidc-provider";

/** Paths of the two SCIM mounts. */
export const UC_SCIM = "/api/1.0/unity-control/scim2";
export const DB_SCIM = "/api/2.0/preview/scim/v2";
export const scim = (path: string, prefix = UC_SCIM) => `${prefix}${path}`;

export const SCIM_JSON = { "content-type": "application/scim+json" };
export const USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
export const GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group";
export const PATCH_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

/** POSTs an application/x-www-form-urlencoded body. */
export function postForm(client: ApiClient, path: string, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<ApiResponse> {
  return client.call("POST", path, new URLSearchParams(fields).toString(), { "content-type": "application/x-www-form-urlencoded", ...headers });
}

/** Every audit row, oldest first. */
export async function auditRows(services: Services) {
  return services.db.select().from(auditLog).orderBy(asc(auditLog.seq));
}

/** An app that trusts a freshly started OpenID provider. */
export async function startOidcApp(options: { env?: Record<string, string>; audience?: string } = {}): Promise<{ t: TestApp; idp: TestOidcProvider; close(): Promise<void> }> {
  const idp = await startOidcProvider(options.audience);
  const env: TestAppOptions["env"] = {
    LAKEWARD_OIDC_ISSUERS: JSON.stringify([{ issuer: idp.issuer, audiences: [idp.audience] }]),
    LAKEWARD_OIDC_ALLOW_INSECURE_HTTP: "true",
    LAKEWARD_OIDC_JWKS_COOLDOWN_SECONDS: "0",
    ...options.env,
  };
  const t = await startTestApp({ env });
  return { t, idp, close: async () => { await t.close(); await idp.close(); } };
}

/** Creates a SCIM user as the admin and returns its id. */
export async function createScimUser(t: TestApp, userName: string, extra: Record<string, unknown> = {}): Promise<string> {
  const res = await t.admin.call("POST", scim("/Users"), { schemas: [USER_SCHEMA], userName, ...extra }, SCIM_JSON);
  if (res.status !== 201) throw new Error(`create user ${userName}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}
