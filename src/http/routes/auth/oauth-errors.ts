import { HTTPException } from "hono/http-exception";
import { LakewardError, type ErrorCode } from "../../../errors";

/** RFC 6749 §5.2 error body. */
export interface OAuthErrorBody {
  error: string;
  error_description: string;
}

/**
 * The OAuth mapping table for the token endpoints (`/oidc/v1/token`, `/auth/tokens`): a code's
 * OAuth error and status. A domain error naming its own `oauth_error` keeps it; the status of
 * `invalid_client` is 401, every other OAuth error 400 (RFC 6749 §5.2).
 */
const OAUTH_ERROR: Partial<Record<ErrorCode, { error: string; status: number }>> = {
  INVALID_ARGUMENT: { error: "invalid_request", status: 400 },
  UNAUTHENTICATED: { error: "invalid_client", status: 401 },
  PERMISSION_DENIED: { error: "unauthorized_client", status: 400 },
  RESOURCE_EXHAUSTED: { error: "temporarily_unavailable", status: 503 },
  UNIMPLEMENTED: { error: "unsupported_grant_type", status: 400 },
};
const SERVER_ERROR = { error: "server_error", status: 500 };

/** Any error as an OAuth status, body and headers. */
export function oauthError(err: unknown): { status: number; body: OAuthErrorBody; headers: Record<string, string> } {
  const e = asError(err);
  const mapped = OAUTH_ERROR[e.code] ?? SERVER_ERROR;
  const named = typeof e.details?.oauth_error === "string" ? e.details.oauth_error : mapped.error;
  const status = named === "invalid_client" ? 401 : named === mapped.error ? mapped.status : 400;
  const headers: Record<string, string> = { "Cache-Control": "no-store" };
  if (status === 401) headers["WWW-Authenticate"] = 'Basic realm="lakeward", error="invalid_client"';
  return { status, body: { error: named, error_description: e.message }, headers };
}

function asError(err: unknown): LakewardError {
  if (err instanceof LakewardError) return err;
  if (err instanceof HTTPException && (err.status === 400 || err.status === 415)) {
    return new LakewardError("INVALID_ARGUMENT", "The request must be a form (application/x-www-form-urlencoded).");
  }
  console.error("lakeward: unexpected error", err);
  return new LakewardError("INTERNAL", "Internal error.");
}
