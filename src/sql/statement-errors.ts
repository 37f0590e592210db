import { LakewardError, type ErrorCode } from "../errors";
import { SqlSyntaxError } from "./errors";
import type { Span } from "./ast";

/** The `status.error` of a failed statement (Databricks' ServiceError). */
export interface StatementError {
  error_code: string;
  message: string;
}

/**
 * Statement API mapping table: each code's ServiceErrorCode and the error class Databricks
 * prints at the start of the message (uc-semantics §3).
 */
const MAPPING: Record<ErrorCode, [code: string, errorClass: string]> = {
  INVALID_ARGUMENT: ["BAD_REQUEST", "INVALID_PARAMETER_VALUE"],
  NOT_FOUND: ["NOT_FOUND", "RESOURCE_DOES_NOT_EXIST"],
  CATALOG_NOT_FOUND: ["NOT_FOUND", "NO_SUCH_CATALOG_EXCEPTION"],
  SCHEMA_NOT_FOUND: ["NOT_FOUND", "SCHEMA_NOT_FOUND"],
  TABLE_NOT_FOUND: ["NOT_FOUND", "TABLE_OR_VIEW_NOT_FOUND"],
  ALREADY_EXISTS: ["ALREADY_EXISTS", "RESOURCE_ALREADY_EXISTS"],
  RESOURCE_ALREADY_EXISTS: ["ALREADY_EXISTS", "RESOURCE_ALREADY_EXISTS"],
  CATALOG_ALREADY_EXISTS: ["ALREADY_EXISTS", "CATALOG_ALREADY_EXISTS"],
  SCHEMA_ALREADY_EXISTS: ["ALREADY_EXISTS", "SCHEMA_ALREADY_EXISTS"],
  TABLE_ALREADY_EXISTS: ["ALREADY_EXISTS", "TABLE_OR_VIEW_ALREADY_EXISTS"],
  STORAGE_CREDENTIAL_ALREADY_EXISTS: ["ALREADY_EXISTS", "STORAGE_CREDENTIAL_ALREADY_EXISTS"],
  EXTERNAL_LOCATION_ALREADY_EXISTS: ["ALREADY_EXISTS", "EXTERNAL_LOCATION_ALREADY_EXISTS"],
  PERMISSION_DENIED: ["PERMISSION_DENIED", "INSUFFICIENT_PERMISSIONS"],
  UNAUTHENTICATED: ["UNAUTHENTICATED", "UNAUTHENTICATED"],
  RESOURCE_EXHAUSTED: ["RESOURCE_EXHAUSTED", "RESOURCE_EXHAUSTED"],
  FAILED_PRECONDITION: ["BAD_REQUEST", "INVALID_STATE"],
  ABORTED: ["ABORTED", "CONCURRENT_MODIFICATION"],
  OUT_OF_RANGE: ["BAD_REQUEST", "OUT_OF_RANGE"],
  UNIMPLEMENTED: ["BAD_REQUEST", "UNSUPPORTED_FEATURE"],
  INTERNAL: ["INTERNAL_ERROR", "INTERNAL_ERROR"],
};

/**
 * A statement failure as the API reports it. The message starts with the error class and
 * ends with where the failing statement is (statement n of m, line, column) — "SQL errors
 * say where".
 */
export function statementError(err: unknown, where?: { index: number; count: number; span: Span }): StatementError {
  if (err instanceof SqlSyntaxError) return { error_code: "BAD_REQUEST", message: err.message };
  const e = err instanceof LakewardError ? err : new LakewardError("INTERNAL", "Internal error.");
  const [code, errorClass] = MAPPING[e.code];
  const location = where ? ` (statement ${where.index + 1} of ${where.count}, line ${where.span.line}, column ${where.span.column})` : "";
  return { error_code: code, message: `[${errorClass}] ${e.message}${location}` };
}
