import type { ErrorCode } from "../errors";

/**
 * HTTP status of each error code on the Unity Catalog REST API, as Unity Catalog OSS maps them
 * (uc-oss §1.1, ErrorCode.java) — including the legacy 400 for the *_ALREADY_EXISTS family.
 * The audit log records this status for every outcome.
 */
export const UC_HTTP_STATUS: Record<ErrorCode, number> = {
  INVALID_ARGUMENT: 400,
  NOT_FOUND: 404,
  CATALOG_NOT_FOUND: 404,
  SCHEMA_NOT_FOUND: 404,
  TABLE_NOT_FOUND: 404,
  ALREADY_EXISTS: 409,
  RESOURCE_ALREADY_EXISTS: 400,
  CATALOG_ALREADY_EXISTS: 400,
  SCHEMA_ALREADY_EXISTS: 400,
  TABLE_ALREADY_EXISTS: 400,
  STORAGE_CREDENTIAL_ALREADY_EXISTS: 400,
  EXTERNAL_LOCATION_ALREADY_EXISTS: 400,
  PERMISSION_DENIED: 403,
  UNAUTHENTICATED: 401,
  RESOURCE_EXHAUSTED: 429,
  FAILED_PRECONDITION: 400,
  ABORTED: 409,
  OUT_OF_RANGE: 400,
  UNIMPLEMENTED: 501,
  INTERNAL: 500,
};
