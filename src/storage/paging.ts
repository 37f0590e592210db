import { StorageError } from "./errors";
import type { ByteRange, ListOptions, ListPage, ObjectMeta } from "./object-store";
import { compareKeys } from "./url";

/** Default and maximum page size, matching S3's ListObjectsV2 limit. */
export const MAX_PAGE_SIZE = 1000;

/**
 * Cut one page out of a sorted key array, for adapters that hold the whole key set
 * (memory, local filesystem). The page token is the last URL returned, so paging stays
 * correct when objects are added between pages.
 */
export function pageOfSorted(
  sortedUrls: readonly string[],
  prefix: string,
  options: ListOptions,
  meta: (url: string) => ObjectMeta,
): ListPage {
  const pageSize = Math.min(Math.max(1, options.pageSize ?? MAX_PAGE_SIZE), MAX_PAGE_SIZE);
  let after = options.startAfter;
  if (options.pageToken !== undefined) {
    if (after === undefined || compareKeys(options.pageToken, after) > 0) after = options.pageToken;
  }
  const from = after !== undefined && compareKeys(after, prefix) >= 0 ? after : prefix;
  let i = lowerBound(sortedUrls, from);
  if (after !== undefined && sortedUrls[i] === after) i++;
  const objects: ObjectMeta[] = [];
  for (; i < sortedUrls.length && objects.length < pageSize; i++) {
    const url = sortedUrls[i]!;
    if (!url.startsWith(prefix)) break;
    objects.push(meta(url));
  }
  const more = i < sortedUrls.length && sortedUrls[i]!.startsWith(prefix);
  return more ? { objects, nextPageToken: objects[objects.length - 1]!.url } : { objects };
}

/** Index of the first element ≥ `key` in code point order. */
function lowerBound(sorted: readonly string[], key: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareKeys(sorted[mid]!, key) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Copy a byte range out of a whole object, validating it like S3 does (416 → error). */
export function sliceRange(data: Uint8Array, range: ByteRange, url: string): Uint8Array {
  checkRange(range, data.byteLength, url);
  return data.slice(range.offset, Math.min(data.byteLength, range.offset + range.length));
}

/** Reject negative ranges and ranges that start at or past the end of a non-empty object. */
export function checkRange(range: ByteRange, size: number, url: string): void {
  const bad =
    !Number.isInteger(range.offset) || !Number.isInteger(range.length) ||
    range.offset < 0 || range.length < 0 || (range.length > 0 && range.offset >= size);
  if (bad) {
    throw new StorageError(
      "STORAGE_INVALID_RANGE",
      `range ${range.offset}+${range.length} is outside ${url} (${size} bytes)`,
      url,
    );
  }
}
