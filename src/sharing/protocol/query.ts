import type { DataFile } from "../../delta/snapshot";
import { fileUrlsFor } from "../files/file-urls";
import { conjunction, parseJsonPredicate } from "../pruning/predicate";
import { sqlHintsToPredicate } from "../pruning/sql-hints";
import { fileLine } from "./file-lines";
import { endStreamLine, metadataLine, protocolLine } from "./lines";
import type { QueryRequest } from "./query-request";
import { checkPageChecksum, openPage, openRefresh, requestChecksum, sealPage, sealRefresh } from "./query-tokens";
import { selectFiles } from "./select-files";
import { streamingQuery } from "./streaming";
import { cdfReadable, formatFor, idSchemeFor, partitionFilterFor, requireHistory, tableKey, type TableAnswer, type TableCall } from "./table-call";

/** Largest page, whatever maxFiles asks (the reference server's queryTablePageSizeLimit). */
export const MAX_PAGE_FILES = 10_000;

/**
 * POST …/query (digest A.4): the files of a snapshot — latest, a version, a timestamp, or the
 * version a refresh/page token pins — narrowed by the share's partitions for this recipient and
 * by the hints; or, with startingVersion, the changes since a version (streaming.ts).
 */
export async function queryTable(call: TableCall, req: QueryRequest): Promise<TableAnswer> {
  const { services } = call;
  const key = tableKey(call);
  if (req.startingVersion !== undefined) {
    requireHistory(call, "Reading changes from a starting version");
    return streamingQuery(call, req);
  }
  if (req.version !== undefined || req.timestamp !== undefined) requireHistory(call, "Time travel");
  const pinned = req.refreshToken ? await openRefresh(services, req.refreshToken, key, call.recipient.id) : undefined;
  // Every page describes the version page 1 resolved (Spark compares them, digest A.3).
  const page = req.pageToken ? await openPage(services, req.pageToken, key, call.recipient.id) : undefined;
  const version = pinned ?? page?.version ?? req.version;
  const snapshot = await services.snapshots.get(call.location, version !== undefined ? { version } : req.timestamp !== undefined ? { timestamp: req.timestamp } : {});
  const format = formatFor(call, snapshot.protocol);
  const checksum = requestChecksum(req, format);
  if (page) checkPageChecksum(page, checksum);
  const paging = req.maxFiles !== undefined || page !== undefined;
  const endStream = call.caps.includeEndStreamAction || req.includeRefreshToken === true || req.refreshToken !== undefined || paging;
  const timeTravel = req.version !== undefined || req.timestamp !== undefined;
  const facts = { files: 0 };

  const selection = {
    partitionFilter: partitionFilterFor(call, snapshot),
    predicate: conjunction([parseJsonPredicate(req.jsonPredicateHints), sqlHintsToPredicate(req.predicateHints, snapshot.schema)]),
    limitHint: req.limitHint,
  };
  async function* lines(): AsyncGenerator<string> {
    yield protocolLine(format, snapshot.protocol);
    yield metadataLine(format, snapshot.metadata, { changeDataFeed: cdfReadable(call, snapshot.configuration) });
    const urls = await fileUrlsFor(services, call.location, { shareId: call.share.id, recipientId: call.recipient.id, tableId: call.table.node.id, version: snapshot.version, kind: "s" }, call.base);
    const ctx = { format, idScheme: idSchemeFor(call, format), tableUrl: call.location };
    let files: Iterable<DataFile> = selectFiles(snapshot, selection);
    let nextPageToken: string | undefined;
    if (paging) {
      // Pages must agree whichever replica or cache serves them: order by path, not replay order.
      const all = [...files].sort((a, b) => (a.add.path < b.add.path ? -1 : a.add.path > b.add.path ? 1 : 0));
      const offset = page?.offset ?? 0;
      const size = Math.min(req.maxFiles ?? MAX_PAGE_FILES, MAX_PAGE_FILES);
      files = all.slice(offset, offset + size);
      if (offset + size < all.length) nextPageToken = await sealPage(services, { table: key, recipient: call.recipient.id, version: snapshot.version, offset: offset + size, checksum });
    }
    const at = timeTravel ? { version: snapshot.version, timestamp: snapshot.timestamp } : {};
    for (const file of files) {
      facts.files++;
      yield await fileLine(ctx, { kind: "file", action: file.add, objectUrl: file.url, ...at }, urls);
    }
    if (endStream) {
      const wantsRefresh = req.includeRefreshToken === true || req.refreshToken !== undefined;
      const refreshToken = wantsRefresh ? await sealRefresh(services, key, call.recipient.id, snapshot.version) : undefined;
      yield endStreamLine({ refreshToken, nextPageToken, minUrlExpirationTimestamp: facts.files > 0 ? urls.expiresAt : undefined });
    }
  }
  return { version: snapshot.version, format, endStream: call.caps.includeEndStreamAction, lines: lines(), facts };
}

