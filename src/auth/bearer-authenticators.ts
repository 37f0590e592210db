import type { Services } from "../services";
import { accessTokenAuthenticator, type BearerAuthenticator } from "./authenticate";
import { PAT_PREFIX } from "./secrets";
import { claimsLakewardIssuer, verifyLakewardToken } from "./lakeward-tokens";
import { activePrincipalForToken } from "./revocation";
import { userForIdentity } from "./oidc-users";
import { TokenRejected } from "./jwt-policy";
import { auditSignInQuietly } from "./sign-in-audit";

/**
 * Lakeward's own JWTs (from token exchange or client credentials). The principal is read on
 * every request: deactivated, deleted or logged out means refused at once (issue 3 §7).
 */
export const lakewardTokenAuthenticator: BearerAuthenticator = async (token, services) => {
  if (!claimsLakewardIssuer(token, services)) return undefined;
  try {
    const claims = await verifyLakewardToken(services, token);
    const row = await activePrincipalForToken(services.db, claims);
    if (!row) throw new TokenRejected("principal inactive, deleted or token revoked");
    return row;
  } catch (err) {
    await auditFailure(services, "tokenLogin", err);
    return undefined;
  }
};

/**
 * Tokens of the allow-listed identity providers, used directly as bearer tokens. The user is
 * looked up (and must be active) on every request.
 */
export const oidcAuthenticator: BearerAuthenticator = async (token, services) => {
  if (!services.identity.oidc.handles(token)) return undefined;
  try {
    const identity = await services.identity.oidc.verify(token);
    const row = await userForIdentity(services, identity, {});
    if (!row) throw new TokenRejected("no active user for this identity");
    return row;
  } catch (err) {
    await auditFailure(services, "oidcTokenAuthorization", err);
    return undefined;
  }
};

/**
 * Personal access tokens (src/auth/access-tokens.ts), with refusals of anything that looks
 * like one audited as failed sign-ins.
 */
export const personalAccessTokenAuthenticator: BearerAuthenticator = async (token, services) => {
  const row = await accessTokenAuthenticator(token, services);
  if (!row && token.startsWith(PAT_PREFIX)) {
    await auditSignInQuietly(services, {}, { action: "tokenLogin", outcome: "failed", reason: "personal access token unknown, expired or revoked, or its principal inactive" });
  }
  return row;
};

/** Every kind of bearer token Lakeward accepts, cheapest check first. */
export const defaultAuthenticators: readonly BearerAuthenticator[] = [personalAccessTokenAuthenticator, lakewardTokenAuthenticator, oidcAuthenticator];

async function auditFailure(services: Services, action: string, err: unknown): Promise<void> {
  // Only refusals are swallowed into a 401; a broken database must still surface as an error.
  if (!(err instanceof TokenRejected)) throw err;
  await auditSignInQuietly(services, {}, { action, outcome: "failed", reason: err.reason });
}
