import { HTTPException } from "hono/http-exception";
import { LakewardError, type ErrorCode } from "../../../errors";

/** Databricks REST 2.0 error body. */
export interface DatabricksErrorBody {
  error_code: string;
  message: string;
}

/** The Databricks 2.0 mapping table (`/api/2.0/token/*`): each code's name and status there. */
const DATABRICKS_ERROR: Record<ErrorCode, { code: string; status: number }> = {
  INVALID_ARGUMENT: { code: "INVALID_PARAMETER_VALUE", status: 400 },
  NOT_FOUND: { code: "RESOURCE_DOES_NOT_EXIST", status: 404 },
  CATALOG_NOT_FOUND: { code: "RESOURCE_DOES_NOT_EXIST", status: 404 },
  SCHEMA_NOT_FOUND: { code: "RESOURCE_DOES_NOT_EXIST", status: 404 },
  TABLE_NOT_FOUND: { code: "RESOURCE_DOES_NOT_EXIST", status: 404 },
  ALREADY_EXISTS: { code: "RESOURCE_ALREADY_EXISTS", status: 409 },
  RESOURCE_ALREADY_EXISTS: { code: "RESOURCE_ALREADY_EXISTS", status: 409 },
  CATALOG_ALREADY_EXISTS: { code: "RESOURCE_ALREADY_EXISTS", status: 409 },
  SCHEMA_ALREADY_EXISTS: { code: "RESOURCE_ALREADY_EXISTS", status: 409 },
  TABLE_ALREADY_EXISTS: { code: "RESOURCE_ALREADY_EXISTS", status: 409 },
  STORAGE_CREDENTIAL_ALREADY_EXISTS: { code: "RESOURCE_ALREADY_EXISTS", status: 409 },
  EXTERNAL_LOCATION_ALREADY_EXISTS: { code: "RESOURCE_ALREADY_EXISTS", status: 409 },
  PERMISSION_DENIED: { code: "PERMISSION_DENIED", status: 403 },
  UNAUTHENTICATED: { code: "UNAUTHENTICATED", status: 401 },
  RESOURCE_EXHAUSTED: { code: "QUOTA_EXCEEDED", status: 429 },
  FAILED_PRECONDITION: { code: "INVALID_STATE", status: 400 },
  ABORTED: { code: "ABORTED", status: 409 },
  OUT_OF_RANGE: { code: "INVALID_PARAMETER_VALUE", status: 400 },
  UNIMPLEMENTED: { code: "NOT_IMPLEMENTED", status: 501 },
  INTERNAL: { code: "INTERNAL_ERROR", status: 500 },
};

/** Any error as a Databricks status and `{error_code, message}`. */
export function databricksError(err: unknown): { status: number; body: DatabricksErrorBody } {
  const e = asError(err);
  const mapped = DATABRICKS_ERROR[e.code];
  return { status: mapped.status, body: { error_code: mapped.code, message: e.message } };
}

function asError(err: unknown): LakewardError {
  if (err instanceof LakewardError) return err;
  if (err instanceof HTTPException && (err.status === 400 || err.status === 415)) return new LakewardError("INVALID_ARGUMENT", "The body must be a JSON object.");
  if (err instanceof HTTPException && err.status === 401) return new LakewardError("UNAUTHENTICATED", "Invalid or missing credentials.");
  console.error("lakeward: unexpected error", err);
  return new LakewardError("INTERNAL", "Internal error.");
}
