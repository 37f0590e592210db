import type { Services } from "../services";
import { findPrincipalByName } from "./principals";
import { issueLakewardToken } from "./lakeward-tokens";
import { clientSecretMatches } from "./client-secrets";
import { oauthFailure } from "./oauth-failure";
import { auditSignIn, auditSignInQuietly, type RequestMeta } from "./sign-in-audit";

/** The one scope Databricks' M2M OAuth grants: the whole API, as the principal's privileges allow. */
export const ALL_APIS_SCOPE = "all-apis";

export interface ClientCredentialsInput {
  grantType: string;
  clientId?: string;
  clientSecret?: string;
  scope?: string;
}

/** RFC 6749 §5.1 access token response, as Databricks' `/oidc/v1/token` returns it. */
export interface AccessTokenResult {
  access_token: string;
  token_type: "Bearer";
  expires_in: number;
  scope: string;
}

/**
 * OAuth machine-to-machine sign-in (issue 3 §4): a service principal's application id and
 * secret buy a short-lived Lakeward JWT. Unknown client, wrong secret and inactive principal
 * all answer the same `invalid_client`; each attempt is audited without the secret.
 */
export async function issueClientCredentialsToken({ services, meta, input }: { services: Services; meta: RequestMeta; input: ClientCredentialsInput }): Promise<AccessTokenResult> {
  if (input.grantType !== "client_credentials") throw oauthFailure("unsupported_grant_type", "grant_type must be client_credentials.");
  const scopes = (input.scope ?? ALL_APIS_SCOPE).split(" ").filter(Boolean);
  if (scopes.length === 0 || scopes.some((s) => s !== ALL_APIS_SCOPE)) throw oauthFailure("invalid_scope", `The only scope is ${ALL_APIS_SCOPE}.`);
  if (!input.clientId || !input.clientSecret) throw oauthFailure("invalid_client", "Client authentication failed.");
  const sp = await findPrincipalByName(services.db, input.clientId, "service_principal");
  const matches = await clientSecretMatches(input.clientSecret, sp?.secretHash);
  if (!sp || !matches || !sp.active) {
    const reason = !sp ? "unknown client" : !matches ? "wrong client secret" : "service principal inactive";
    await auditSignInQuietly(services, meta, { action: "clientCredentials", claimedName: input.clientId.slice(0, 200), outcome: "failed", reason });
    throw oauthFailure("invalid_client", "Client authentication failed.");
  }
  const issued = await issueLakewardToken(services, sp, ALL_APIS_SCOPE);
  await auditSignIn(services.db, services, meta, {
    action: "clientCredentials",
    principal: { id: sp.id, name: sp.name },
    outcome: "success",
    params: { scope: ALL_APIS_SCOPE, jti: issued.jti },
  });
  return { access_token: issued.accessToken, token_type: "Bearer", expires_in: issued.expiresIn, scope: ALL_APIS_SCOPE };
}
