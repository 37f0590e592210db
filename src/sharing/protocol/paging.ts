import type { Services } from "../../services";
import { openToken, sealToken } from "../files/mac-token";
import { badParameter } from "./errors";

/** Page size of list endpoints: the reference server's default and bound (digest A.3). */
export const DEFAULT_LIST_PAGE = 500;

export interface ListPage<T> {
  items: T[];
  nextPageToken?: string;
}

/** `maxResults` of a list call: an integer in 0..500, absent means 500. */
export function parseMaxResults(raw: string | undefined): number {
  if (raw === undefined || raw === "") return DEFAULT_LIST_PAGE;
  const n = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(n) || n > DEFAULT_LIST_PAGE) {
    throw badParameter(`maxResults must be an integer between 0 and ${DEFAULT_LIST_PAGE}, got '${raw.slice(0, 40)}'.`);
  }
  return n;
}

/**
 * Pages a sorted list by key. The token is MAC'd and bound to what is listed (recipient, share,
 * schema), like the reference server's check of share and schema; a token from elsewhere or
 * a tampered one is a 400. Keyset rather than offset, so a share changing between pages
 * neither repeats nor skips an entry that stays.
 */
export async function pageOf<T>(services: Services, items: readonly T[], keyOf: (item: T) => string, scope: string, maxResults: number, pageToken: string | undefined): Promise<ListPage<T>> {
  let start = 0;
  if (pageToken) {
    const opened = await openToken<{ k: string; sc: string }>(await services.sharing.keys.hmacKey(), "list", pageToken);
    if (!opened || opened.sc !== scope || typeof opened.k !== "string") throw badParameter("invalid 'nextPageToken'.");
    start = items.findIndex((i) => keyOf(i) > opened.k);
    if (start < 0) start = items.length;
  }
  const page = items.slice(start, start + maxResults);
  if (maxResults === 0 || start + maxResults >= items.length) return { items: page };
  const token = await sealToken(await services.sharing.keys.hmacKey(), "list", { k: keyOf(page[page.length - 1]!), sc: scope });
  return { items: page, nextPageToken: token };
}
