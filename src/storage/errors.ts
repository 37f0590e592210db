/**
 * Typed storage errors. Adapters translate their backend's failures (ENOENT, HTTP 404/412, …)
 * into these so callers (the Delta log reader/writer, and later the service layer, which maps
 * `code` to wire errors) never depend on one backend's error shapes.
 */
export type StorageErrorCode =
  /** The object does not exist. */
  | "STORAGE_NOT_FOUND"
  /** putIfAbsent lost: the object already exists (S3 412, EEXIST). */
  | "STORAGE_ALREADY_EXISTS"
  /** No adapter for the URL scheme, or the URL is malformed. */
  | "STORAGE_UNSUPPORTED_URL"
  /** Lakeward holds no credentials for the URL (no external location with a credential covers it). */
  | "STORAGE_NO_CREDENTIALS"
  /** The requested byte range lies outside the object. */
  | "STORAGE_INVALID_RANGE"
  /** Anything else the backend reported. */
  | "STORAGE_IO";

/** Error raised by every {@link ObjectStore} adapter. */
export class StorageError extends Error {
  override readonly name = "StorageError";
  constructor(
    readonly code: StorageErrorCode,
    message: string,
    readonly url?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** True when `err` is a {@link StorageError} with the given code. */
export function isStorageError(err: unknown, code?: StorageErrorCode): err is StorageError {
  return err instanceof StorageError && (code === undefined || err.code === code);
}

/** The error putIfAbsent raises when the object already exists. */
export function alreadyExists(url: string, cause?: unknown): StorageError {
  return new StorageError("STORAGE_ALREADY_EXISTS", `object already exists: ${url}`, url, { cause });
}

/** The error get/head raise for a missing object. */
export function notFound(url: string, cause?: unknown): StorageError {
  return new StorageError("STORAGE_NOT_FOUND", `object not found: ${url}`, url, { cause });
}
