import type { Services } from "../../services";
import { openToken, sealToken } from "../files/mac-token";
import { sha256Hex } from "../files/sha256";
import { badParameter } from "./errors";
import type { QueryRequest } from "./query-request";

/** Page tokens live 3 days and refresh tokens 1 hour, like the reference server (digest A.3, A.11). */
export const PAGE_TOKEN_TTL_MS = 3 * 86_400_000;
export const REFRESH_TOKEN_TTL_MS = 3_600_000;

/** What a page token pins: the table, recipient, version, next offset and request checksum. */
export interface PageState {
  table: string;
  recipient: string;
  version: number;
  offset: number;
  checksum: string;
  expiresAt: number;
}

/**
 * The checksum of the parameters that must repeat on every page (digest A.3: the reference
 * server keeps a SHA-256 of them). The response format counts too: pages must agree on it.
 */
export function requestChecksum(req: QueryRequest | Record<string, unknown>, format: string): string {
  const r = req as Record<string, unknown>;
  const keys = ["predicateHints", "jsonPredicateHints", "limitHint", "version", "timestamp", "startingVersion", "endingVersion", "maxFiles", "startingTimestamp", "endingTimestamp", "includeHistoricalMetadata"];
  return sha256Hex(JSON.stringify([format, ...keys.map((k) => r[k] ?? null)]));
}

export async function sealPage(services: Services, state: Omit<PageState, "expiresAt">): Promise<string> {
  return sealToken(await services.sharing.keys.hmacKey(), "page", { ...state, expiresAt: services.clock.now() + PAGE_TOKEN_TTL_MS });
}

/** Opens a page token for this table and recipient; a forged, foreign or expired one is a 400. */
export async function openPage(services: Services, token: string, table: string, recipient: string): Promise<PageState> {
  const state = await openToken<PageState>(await services.sharing.keys.hmacKey(), "page", token);
  if (!state || state.table !== table || state.recipient !== recipient) throw badParameter("invalid pageToken.");
  if (state.expiresAt <= services.clock.now()) throw badParameter("The pageToken has expired; start the query again.");
  return state;
}

/** Every page must repeat the first page's parameters (digest A.3). */
export function checkPageChecksum(state: PageState, checksum: string): void {
  if (state.checksum !== checksum) throw badParameter("The query parameters differ from the first page's: send the same parameters with pageToken.");
}

/** A refresh token pins the snapshot version so fresh URLs come for the same files (digest A.11). */
export async function sealRefresh(services: Services, table: string, recipient: string, version: number): Promise<string> {
  return sealToken(await services.sharing.keys.hmacKey(), "refresh", { table, recipient, version, expiresAt: services.clock.now() + REFRESH_TOKEN_TTL_MS });
}

export async function openRefresh(services: Services, token: string, table: string, recipient: string): Promise<number> {
  const state = await openToken<{ table: string; recipient: string; version: number; expiresAt: number }>(await services.sharing.keys.hmacKey(), "refresh", token);
  if (!state || state.table !== table || state.recipient !== recipient) throw badParameter("invalid refreshToken.");
  if (state.expiresAt <= services.clock.now()) throw badParameter("The refreshToken has expired; query the latest snapshot again.");
  return state.version;
}
