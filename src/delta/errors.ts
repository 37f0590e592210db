/**
 * The Delta library's single error type. `code` is stable and is what the service layer maps to
 * wire errors (UC REST, Delta Sharing); `message` is for humans and names the file, version or
 * feature involved.
 */
export type DeltaErrorCode =
  /** No `_delta_log`, or nothing recognisable in it. */
  | "DELTA_NOT_A_TABLE"
  /** The requested version does not exist or can no longer be reconstructed. */
  | "DELTA_VERSION_NOT_FOUND"
  /** A commit in the middle of the needed range is missing (PROTOCOL.md "Delta Log Entries"). */
  | "DELTA_VERSIONS_NOT_CONTIGUOUS"
  /** A timestamp before the first or after the last commit. */
  | "DELTA_TIMESTAMP_OUT_OF_RANGE"
  /** Unparseable commit line, checkpoint without protocol/metaData, bad DV checksum, … */
  | "DELTA_LOG_CORRUPT"
  /** The table needs a reader or writer feature (or version) this library does not implement. */
  | "DELTA_UNSUPPORTED_FEATURE"
  /** A concurrent commit made ours invalid (metadata/protocol change, removed files, …). */
  | "DELTA_COMMIT_CONFLICT"
  /** Create-table on a location that already has a log. */
  | "DELTA_TABLE_EXISTS"
  /** Change data feed asked for an unreadable range or a range where CDF was off. */
  | "DELTA_CDF_UNAVAILABLE"
  /** Caller error: bad schema, unknown partition column, start > end, … */
  | "DELTA_INVALID_ARGUMENT";

/** Error thrown by every function in `src/delta`. */
export class DeltaError extends Error {
  override readonly name = "DeltaError";
  constructor(
    readonly code: DeltaErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** True when `err` is a {@link DeltaError}, optionally with a given code. */
export function isDeltaError(err: unknown, code?: DeltaErrorCode): err is DeltaError {
  return err instanceof DeltaError && (code === undefined || err.code === code);
}
