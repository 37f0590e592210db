import { LakewardError } from "../errors";

/** RFC 6749 §5.2 and RFC 8693 §2.2.2 error codes the token endpoints use. */
export type OAuthErrorCode = "invalid_request" | "invalid_client" | "invalid_grant" | "unsupported_grant_type" | "invalid_scope";

/**
 * A refusal at a token endpoint: a LakewardError (so the audit log and other wire formats
 * understand it) that names the precise OAuth error for the OAuth mapping table.
 */
export function oauthFailure(error: OAuthErrorCode, description: string): LakewardError {
  const code = error === "invalid_client" ? "UNAUTHENTICATED" : "INVALID_ARGUMENT";
  return new LakewardError(code, description, { details: { oauth_error: error } });
}
