import { changeItems, logicalValuesOf } from "./change-entries";
import { changeLines } from "./change-answer";
import { readCommitRange } from "./commit-range";
import type { QueryRequest } from "./query-request";
import { cdfReadable, formatFor, partitionFilterFor, type TableAnswer, type TableCall } from "./table-call";

/**
 * POST …/query with startingVersion (digest A.4, Spark streaming): data-changing adds and
 * removes of versions startingVersion..endingVersion (clamped to the latest), each with its
 * version and timestamp, and metaData lines where the metadata changed. Delta-Table-Version is
 * the starting version. Answered in one page: maxFiles is honoured only by ending with an
 * endStreamAction that has no nextPageToken (allowed: a server may send fewer pages).
 */
export async function streamingQuery(call: TableCall, req: QueryRequest): Promise<TableAnswer> {
  const start = req.startingVersion!;
  const head = await call.services.snapshots.get(call.location, { version: start });
  const format = formatFor(call, head.protocol);
  const range = await readCommitRange(call.services.storage, call.location, start, req.endingVersion, head.metadata);
  const mapping = head.columnMapping;
  const items = changeItems(range.commits, "streaming", call.location, partitionFilterFor(call, head), logicalValuesOf(head.partitionColumns, mapping.logicalToPhysical));
  const facts = { files: 0 };
  const endStream = call.caps.includeEndStreamAction || req.maxFiles !== undefined || req.includeRefreshToken === true;
  const lines = changeLines(call, {
    format, head, headVersion: start, items, facts, endStream,
    changeDataFeed: cdfReadable(call, head.configuration),
    historicalMetadata: true,
  });
  return { version: start, format, endStream: call.caps.includeEndStreamAction, lines, facts };
}
