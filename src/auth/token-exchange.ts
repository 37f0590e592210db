import type { Services } from "../services";
import { issueLakewardToken } from "./lakeward-tokens";
import { userForIdentity } from "./oidc-users";
import { TokenRejected } from "./jwt-policy";
import { oauthFailure } from "./oauth-failure";
import { auditSignIn, auditSignInQuietly, type RequestMeta } from "./sign-in-audit";

export const TOKEN_EXCHANGE_GRANT = "urn:ietf:params:oauth:grant-type:token-exchange";
export const ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token";
const SUBJECT_TOKEN_TYPES = new Set([ACCESS_TOKEN_TYPE, "urn:ietf:params:oauth:token-type:id_token", "urn:ietf:params:oauth:token-type:jwt"]);

export interface TokenExchangeInput {
  grantType: string;
  subjectToken: string;
  subjectTokenType: string;
  requestedTokenType?: string;
  actorToken?: string;
  scope?: string;
}

/** RFC 8693 §2.2.1 response, as Unity Catalog's `/auth/tokens` returns it. */
export interface TokenExchangeResult {
  access_token: string;
  issued_token_type: string;
  token_type: "Bearer";
  expires_in: number;
  scope: string;
}

/**
 * Exchanges an allow-listed identity provider's token for a short-lived Lakeward JWT, like
 * Unity Catalog OSS's `POST /api/1.0/unity-control/auth/tokens` (issue 3 §2). Lakeward's own
 * tokens are not accepted as subject tokens, so a session cannot be extended forever. Every
 * attempt is audited; a refusal says only that the token was not accepted.
 */
export async function exchangeToken({ services, meta, input }: { services: Services; meta: RequestMeta; input: TokenExchangeInput }): Promise<TokenExchangeResult> {
  if (input.grantType !== TOKEN_EXCHANGE_GRANT) throw oauthFailure("unsupported_grant_type", `grant_type must be ${TOKEN_EXCHANGE_GRANT}.`);
  if (!SUBJECT_TOKEN_TYPES.has(input.subjectTokenType)) throw oauthFailure("invalid_request", "subject_token_type is not supported.");
  if (input.requestedTokenType !== undefined && input.requestedTokenType !== ACCESS_TOKEN_TYPE) {
    throw oauthFailure("invalid_request", `requested_token_type must be ${ACCESS_TOKEN_TYPE}.`);
  }
  if (input.actorToken !== undefined) throw oauthFailure("invalid_request", "actor_token is not supported.");
  try {
    const identity = await services.identity.oidc.verify(input.subjectToken);
    const user = await userForIdentity(services, identity, meta);
    if (!user) throw new TokenRejected("no active user for this identity");
    const issued = await issueLakewardToken(services, user);
    await auditSignIn(services.db, services, meta, {
      action: "tokenExchange",
      principal: { id: user.id, name: user.name },
      outcome: "success",
      params: { issuer: identity.issuer, subject_token_type: input.subjectTokenType, jti: issued.jti },
    });
    return { access_token: issued.accessToken, issued_token_type: ACCESS_TOKEN_TYPE, token_type: "Bearer", expires_in: issued.expiresIn, scope: issued.scope };
  } catch (err) {
    if (!(err instanceof TokenRejected)) throw err;
    await auditSignInQuietly(services, meta, { action: "tokenExchange", outcome: "failed", reason: err.reason });
    throw oauthFailure("invalid_request", "The subject token was not accepted.");
  }
}
