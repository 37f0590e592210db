import type { Context } from "hono";
import type { Page } from "../../../catalog/paging";

/** Sends a 200 JSON body (domain objects already have the wire field names). */
export const respond = (c: Context, value: unknown) => c.json(value as never, 200);

/** A list page: `{ <key>: [...], next_page_token? }`; the token is omitted at the end. */
export const respondPage = <T>(c: Context, key: string, page: Page<T>) =>
  respond(c, page.nextPageToken === null ? { [key]: page.items } : { [key]: page.items, next_page_token: page.nextPageToken });

/** `force=true` as a boolean. */
export const isForced = (force: string | undefined) => force === "true";
