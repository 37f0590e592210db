import { HTTPException } from "hono/http-exception";
import { LakewardError, type ErrorCode } from "../../../errors";
import { ERROR_SCHEMA } from "../../../auth/scim/schemas";

/** RFC 7644 §3.12 error body. */
export interface ScimErrorBody {
  schemas: string[];
  status: string;
  scimType?: string;
  detail: string;
}

/**
 * The SCIM mapping table (DESIGN §3.4): each error code's status and default scimType.
 * Unity Catalog OSS answers 500 to every SCIM error; provisioning clients need 409 for a
 * duplicate (Okta then looks the user up) and 404 for a missing id (Entra then re-creates).
 */
const SCIM_STATUS: Record<ErrorCode, { status: number; scimType?: string }> = {
  INVALID_ARGUMENT: { status: 400, scimType: "invalidValue" },
  NOT_FOUND: { status: 404 },
  CATALOG_NOT_FOUND: { status: 404 },
  SCHEMA_NOT_FOUND: { status: 404 },
  TABLE_NOT_FOUND: { status: 404 },
  ALREADY_EXISTS: { status: 409, scimType: "uniqueness" },
  RESOURCE_ALREADY_EXISTS: { status: 409, scimType: "uniqueness" },
  CATALOG_ALREADY_EXISTS: { status: 409, scimType: "uniqueness" },
  SCHEMA_ALREADY_EXISTS: { status: 409, scimType: "uniqueness" },
  TABLE_ALREADY_EXISTS: { status: 409, scimType: "uniqueness" },
  STORAGE_CREDENTIAL_ALREADY_EXISTS: { status: 409, scimType: "uniqueness" },
  EXTERNAL_LOCATION_ALREADY_EXISTS: { status: 409, scimType: "uniqueness" },
  PERMISSION_DENIED: { status: 403 },
  UNAUTHENTICATED: { status: 401 },
  RESOURCE_EXHAUSTED: { status: 429 },
  FAILED_PRECONDITION: { status: 400, scimType: "mutability" },
  ABORTED: { status: 409 },
  OUT_OF_RANGE: { status: 400, scimType: "invalidValue" },
  UNIMPLEMENTED: { status: 501 },
  INTERNAL: { status: 500 },
};

/** Any error as a SCIM status and body; details.scimType (from the domain) wins. */
export function scimError(err: unknown): { status: number; body: ScimErrorBody } {
  const e = asError(err);
  const mapped = SCIM_STATUS[e.code];
  const scimType = typeof e.details?.scimType === "string" ? e.details.scimType : mapped.scimType;
  const body: ScimErrorBody = { schemas: [ERROR_SCHEMA], status: String(mapped.status), detail: e.message };
  if (scimType && mapped.status >= 400 && mapped.status < 500 && mapped.status !== 404 && mapped.status !== 401 && mapped.status !== 403) body.scimType = scimType;
  return { status: mapped.status, body };
}

function asError(err: unknown): LakewardError {
  if (err instanceof LakewardError) return err;
  if (err instanceof HTTPException && err.status === 415) {
    return new LakewardError("INVALID_ARGUMENT", "The body must be application/scim+json or application/json.", { details: { scimType: "invalidSyntax" } });
  }
  if (err instanceof HTTPException && err.status === 400) return new LakewardError("INVALID_ARGUMENT", "The body is not valid JSON.", { details: { scimType: "invalidSyntax" } });
  if (err instanceof HTTPException && err.status === 401) return new LakewardError("UNAUTHENTICATED", "Invalid or missing credentials.");
  console.error("lakeward: unexpected error", err);
  return new LakewardError("INTERNAL", "Internal error.");
}
