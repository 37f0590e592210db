/**
 * One error vocabulary for the whole service (DESIGN §3.4, §6.4). Domain code throws
 * LakewardError with a stable code; each wire protocol maps codes to its own shape and status
 * (src/http/error-mapping.ts).
 */
export type ErrorCode =
  | "INVALID_ARGUMENT"
  | "NOT_FOUND"
  | "CATALOG_NOT_FOUND"
  | "SCHEMA_NOT_FOUND"
  | "TABLE_NOT_FOUND"
  | "ALREADY_EXISTS"
  | "RESOURCE_ALREADY_EXISTS"
  | "CATALOG_ALREADY_EXISTS"
  | "SCHEMA_ALREADY_EXISTS"
  | "TABLE_ALREADY_EXISTS"
  | "STORAGE_CREDENTIAL_ALREADY_EXISTS"
  | "EXTERNAL_LOCATION_ALREADY_EXISTS"
  | "PERMISSION_DENIED"
  | "UNAUTHENTICATED"
  | "RESOURCE_EXHAUSTED"
  | "FAILED_PRECONDITION"
  | "ABORTED"
  | "OUT_OF_RANGE"
  | "UNIMPLEMENTED"
  | "INTERNAL";

export interface LakewardErrorOptions {
  /** Extra, non-secret facts for the client (UC `details`). */
  details?: Record<string, unknown>;
  /**
   * Set when a securable exists but the caller may not see it: the client gets the same
   * not-found answer as for a missing one, the audit log records the truth (DESIGN §4).
   */
  hiddenDenial?: boolean;
  cause?: unknown;
}

export class LakewardError extends Error {
  readonly code: ErrorCode;
  readonly details?: Record<string, unknown>;
  readonly hiddenDenial: boolean;

  constructor(code: ErrorCode, message: string, options: LakewardErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "LakewardError";
    this.code = code;
    this.details = options.details;
    this.hiddenDenial = options.hiddenDenial ?? false;
  }
}

/**
 * Whether an error refuses the caller on privileges — outright, or hidden as not found — which
 * the audit log records as "denied" rather than "failed".
 */
export function isDenial(err: unknown): boolean {
  return err instanceof LakewardError && (err.code === "PERMISSION_DENIED" || err.hiddenDenial);
}

export const invalidArgument = (message: string, details?: Record<string, unknown>) =>
  new LakewardError("INVALID_ARGUMENT", message, { details });

export const permissionDenied = (message: string) => new LakewardError("PERMISSION_DENIED", message);

export const unauthenticated = () =>
  new LakewardError("UNAUTHENTICATED", "Invalid or missing credentials.");
