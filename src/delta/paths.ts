import { asDirectoryUrl, parseObjectUrl } from "../storage/url";
import { DeltaError } from "./errors";

/**
 * Paths in the log are URIs (PROTOCOL.md "Path"): relative to the table root, or absolute
 * (`s3://…`, `file:/…`). Percent-escapes are decoded exactly once to get the object key —
 * `letter=%252F` in the log is the directory `letter=%2F` on storage.
 */

const SCHEME = /^[a-zA-Z][a-zA-Z0-9+.-]*:/;

/** Decode `%XX` escapes once; strings without `%` are returned as is (the common, fast case). */
export function decodePath(path: string): string {
  if (path.indexOf("%") < 0) return path;
  try {
    return decodeURIComponent(path);
  } catch (err) {
    throw new DeltaError("DELTA_LOG_CORRUPT", `invalid percent-encoding in log path "${path}"`, { cause: err });
  }
}

/**
 * Encode a relative object key for the log: the inverse of {@link decodePath}. We escape what
 * a URI path cannot hold literally (`%`, space, `?`, `#`, non-ASCII…) but keep `/`, `=` and the
 * usual unreserved characters so paths stay readable like Spark's.
 */
export function encodePath(key: string): string {
  return encodeURIComponent(key).replace(/%2F/g, "/").replace(/%3D/g, "=");
}

/**
 * Object URL of a path found in the log.
 * @param tableUrl table root URL (with or without trailing slash)
 * @param path `add.path`, `remove.path`, `cdc.path`, … exactly as logged
 */
export function resolveLogPath(tableUrl: string, path: string): string {
  // Hot path (Snapshot.files of big tables): a relative path has no ':' and no leading '/'.
  if (path.charCodeAt(0) !== 47 /* / */ && path.indexOf(":") < 0) return asDirectoryUrl(tableUrl) + decodePath(path);
  if (SCHEME.test(path)) return normaliseAbsolute(decodePath(path));
  const root = asDirectoryUrl(tableUrl);
  if (path.startsWith("/")) {
    // Scheme-less absolute path: same filesystem (bucket) as the table.
    const { scheme, authority } = parseObjectUrl(root);
    return `${scheme}://${authority}${decodePath(path)}`;
  }
  return root + decodePath(path);
}

/**
 * The replay key of a logged path: the decoded path relative to the table root when it lies
 * inside it, else the absolute URL. So `file:/t/a.parquet`, `/t/a.parquet` and `a.parquet`
 * (for table `/t`) are one logical file (PROTOCOL.md "Action Reconciliation"), while the
 * common relative, escape-free path is its own key with no string work at all.
 */
export function canonicalPathKey(rootDirUrl: string, path: string): string {
  // Hot path of replay: a relative path has no ':' before its first '/' and does not start with '/'.
  const colon = path.indexOf(":");
  if (path.charCodeAt(0) !== 47 /* / */ && (colon < 0 || !SCHEME.test(path))) return decodePath(path);
  const url = resolveLogPath(rootDirUrl, path);
  return url.startsWith(rootDirUrl) ? url.slice(rootDirUrl.length) : url;
}

function normaliseAbsolute(url: string): string {
  // Hadoop writes file:/abs and file://host/abs; our file URLs are file:///abs.
  const file = /^file:(?:\/\/(?:localhost)?)?(\/.*)$/i.exec(url);
  if (file) return `file://${file[1]}`;
  // s3a:// and s3n:// are Hadoop connector names for the same S3 objects.
  const s3 = /^s3[an]:\/\//i.exec(url);
  return s3 ? `s3://${url.slice(s3[0].length)}` : url;
}
