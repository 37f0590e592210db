import { invalidArgument } from "../errors";

/** Unity Catalog caps every page at 100 (uc-oss §1 Pagination). */
export const MAX_PAGE_SIZE = 100;

/** Page size from `max_results`: 0 or absent means the maximum; negative is an error. */
export function pageSize(maxResults: number | undefined): number {
  if (maxResults === undefined || maxResults === 0) return MAX_PAGE_SIZE;
  if (maxResults < 0 || !Number.isInteger(maxResults)) {
    throw invalidArgument("max_results must be greater than or equal to 0", { field: "max_results" });
  }
  return Math.min(maxResults, MAX_PAGE_SIZE);
}

export interface Page<T> {
  items: T[];
  /** Null at the end, never "" (a client looping on it would never stop). */
  nextPageToken: string | null;
}

/**
 * Keyset paging over name-ordered rows with a visibility filter applied *before* a page is
 * cut, so pages are full until the last one and tokens never skip or repeat a visible row
 * (UC OSS filters after cutting and returns short pages; issue 4 §3 asks for better).
 * The token is the last returned name.
 */
export async function pageVisible<T extends { name: string }>(
  fetch: (afterName: string | undefined, limit: number) => Promise<T[]>,
  visible: (rows: T[]) => Promise<T[]>,
  pageToken: string | undefined,
  size: number,
): Promise<Page<T>> {
  const collected: T[] = [];
  let after = pageToken === "" ? undefined : pageToken;
  const batch = size + 1;
  for (;;) {
    const rows = await fetch(after, batch);
    collected.push(...(await visible(rows)));
    if (collected.length > size || rows.length < batch) break;
    after = rows[rows.length - 1]!.name;
  }
  if (collected.length > size) {
    const items = collected.slice(0, size);
    return { items, nextPageToken: items[items.length - 1]!.name };
  }
  return { items: collected, nextPageToken: null };
}
