import { LakewardError, type ErrorCode } from "../../errors";
import { isDeltaError } from "../../delta/errors";
import { isStorageError } from "../../storage/errors";

/**
 * Errors of the Delta Sharing endpoint (digest A.9): `{"errorCode", "message"}` with the
 * reference server's codes. Domain code throws LakewardError; a protocol-specific code rides
 * in `details.errorCode` when the generic one would be too coarse (MALFORMED_REQUEST,
 * UNSUPPORTED_OPERATION). Everything a client should not retry is a 4xx.
 */
export type SharingErrorCode =
  | "INVALID_PARAMETER_VALUE"
  | "MALFORMED_REQUEST"
  | "UNSUPPORTED_OPERATION"
  | "RESOURCE_DOES_NOT_EXIST"
  | "UNAUTHENTICATED"
  | "PERMISSION_DENIED"
  | "INTERNAL_ERROR";

export interface SharingErrorBody {
  errorCode: SharingErrorCode;
  message: string;
}

const STATUS: Record<SharingErrorCode, number> = {
  INVALID_PARAMETER_VALUE: 400,
  MALFORMED_REQUEST: 400,
  UNSUPPORTED_OPERATION: 400,
  RESOURCE_DOES_NOT_EXIST: 404,
  UNAUTHENTICATED: 401,
  PERMISSION_DENIED: 403,
  INTERNAL_ERROR: 500,
};

const BY_CODE: Partial<Record<ErrorCode, SharingErrorCode>> = {
  UNAUTHENTICATED: "UNAUTHENTICATED",
  PERMISSION_DENIED: "PERMISSION_DENIED",
  NOT_FOUND: "RESOURCE_DOES_NOT_EXIST",
  CATALOG_NOT_FOUND: "RESOURCE_DOES_NOT_EXIST",
  SCHEMA_NOT_FOUND: "RESOURCE_DOES_NOT_EXIST",
  TABLE_NOT_FOUND: "RESOURCE_DOES_NOT_EXIST",
  UNIMPLEMENTED: "UNSUPPORTED_OPERATION",
};

/** 400 INVALID_PARAMETER_VALUE. */
export const badParameter = (message: string) => new LakewardError("INVALID_ARGUMENT", message);
/** 400 MALFORMED_REQUEST: unparseable body or wrong field types. */
export const malformed = (message: string) => new LakewardError("INVALID_ARGUMENT", message, { details: { errorCode: "MALFORMED_REQUEST" } });
/** 400 UNSUPPORTED_OPERATION: a feature this table or server does not offer. */
export const unsupported = (message: string) => new LakewardError("FAILED_PRECONDITION", message, { details: { errorCode: "UNSUPPORTED_OPERATION" } });
/** 404 RESOURCE_DOES_NOT_EXIST; `hidden` marks "exists, but not for this recipient" for the audit log. */
export const missing = (message: string, hidden = false) => new LakewardError("NOT_FOUND", message, { hiddenDenial: hidden });

/**
 * Maps any error to the protocol's status and body. Delta and storage errors are the provider's
 * business: their text names storage paths, so recipients get a message without locations.
 */
export function sharingError(err: unknown): { status: number; body: SharingErrorBody } {
  if (isDeltaError(err)) return deltaError(err.code, err.message);
  if (isStorageError(err)) return { status: 500, body: { errorCode: "INTERNAL_ERROR", message: "The table's storage could not be read." } };
  if (!(err instanceof LakewardError)) return { status: 500, body: { errorCode: "INTERNAL_ERROR", message: "Internal error." } };
  const explicit = err.details?.errorCode as SharingErrorCode | undefined;
  const code = explicit ?? BY_CODE[err.code] ?? (err.code === "INTERNAL" ? "INTERNAL_ERROR" : "INVALID_PARAMETER_VALUE");
  return { status: STATUS[code], body: { errorCode: code, message: code === "INTERNAL_ERROR" ? "Internal error." : err.message } };
}

function deltaError(code: string, message: string): { status: number; body: SharingErrorBody } {
  const text = scrubLocations(message);
  switch (code) {
    case "DELTA_VERSION_NOT_FOUND":
    case "DELTA_TIMESTAMP_OUT_OF_RANGE":
    case "DELTA_CDF_UNAVAILABLE":
    case "DELTA_INVALID_ARGUMENT":
      return { status: 400, body: { errorCode: "INVALID_PARAMETER_VALUE", message: text } };
    case "DELTA_UNSUPPORTED_FEATURE":
      return { status: 400, body: { errorCode: "UNSUPPORTED_OPERATION", message: text } };
    default:
      return { status: 500, body: { errorCode: "INTERNAL_ERROR", message: "The table's Delta log could not be read." } };
  }
}

/** Replaces storage URLs in a message with a placeholder. */
export function scrubLocations(message: string): string {
  return message.replace(/\b[a-z][a-z0-9+.-]*:\/{1,3}[^\s,)]+/gi, "<table>");
}

/** Status of an error as the protocol answers it (for the audit row). */
export function sharingStatus(err: unknown): number {
  return sharingError(err).status;
}
