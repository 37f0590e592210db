import { StorageError } from "./errors";

/** An object URL split into its parts. `key` is raw (never percent-decoded). */
export interface ParsedObjectUrl {
  /** Lower-case scheme without `:` — `file`, `s3`, `memory`. */
  scheme: string;
  /** Bucket (s3), store name (memory) or empty (file). */
  authority: string;
  /** Object key: for `file` the absolute path without its leading `/`. */
  key: string;
}

const URL_RE = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\/([^/]*)\/?(.*)$/s;

/**
 * Split `scheme://authority/key`. We do not use WHATWG `URL`, because it would
 * re-encode or decode `%` sequences that are literal characters of object keys.
 * @param url an object URL
 */
export function parseObjectUrl(url: string): ParsedObjectUrl {
  const m = URL_RE.exec(url);
  if (!m) throw new StorageError("STORAGE_UNSUPPORTED_URL", `not an object URL: ${url}`, url);
  return { scheme: m[1]!.toLowerCase(), authority: m[2]!, key: m[3]! };
}

/** Rebuild a URL from its parts (inverse of {@link parseObjectUrl}). */
export function formatObjectUrl(parts: ParsedObjectUrl): string {
  return `${parts.scheme}://${parts.authority}/${parts.key}`;
}

/**
 * Join a relative, already-decoded key suffix onto a directory URL.
 * @param base a URL, with or without a trailing slash
 * @param relative path below `base` (no leading slash needed)
 */
export function joinUrl(base: string, relative: string): string {
  const rel = relative.replace(/^\/+/, "");
  return base.endsWith("/") ? base + rel : `${base}/${rel}`;
}

/** Ensure a directory URL ends with one `/`. */
export function asDirectoryUrl(url: string): string {
  return url.endsWith("/") ? url : `${url}/`;
}

/**
 * Compare two strings in Unicode code point order, which equals UTF-8 byte order — the
 * order S3 lists keys in. Plain `<` compares UTF-16 code units and disagrees for characters
 * above U+FFFF versus U+E000–U+FFFF.
 */
export function compareKeys(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // A surrogate (D800–DFFF) stands for a code point above U+FFFF, which sorts after any
    // single code unit; two surrogates or two non-surrogates compare by code unit.
    const xs = x >= 0xd800 && x <= 0xdfff;
    const ys = y >= 0xd800 && y <= 0xdfff;
    if (xs !== ys) return xs ? 1 : -1;
    return x - y;
  }
  return a.length - b.length;
}
