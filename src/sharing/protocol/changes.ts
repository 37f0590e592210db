import { versionAtOrAfterTimestamp, versionAtTimestamp } from "../../delta/timestamps";
import { badParameter } from "./errors";
import { changeItems, logicalValuesOf } from "./change-entries";
import { changeLines } from "./change-answer";
import { readCommitRange } from "./commit-range";
import { timestampOf } from "./query-request";
import { cdfReadable, formatFor, partitionFilterFor, requireHistory, type TableAnswer, type TableCall } from "./table-call";

/** Query parameters of GET …/changes (digest A.5), still as text. */
export interface ChangesParams {
  startingVersion?: string;
  startingTimestamp?: string;
  endingVersion?: string;
  endingTimestamp?: string;
  includeHistoricalMetadata?: string;
  maxFiles?: string;
}

/**
 * The change data feed of a table shared WITH HISTORY (issue 8 §7): per version its `cdc`
 * files, else its data-changing adds and removes — only in the recipient's partitions.
 * Bounds are inclusive; the end defaults to and is clamped to the latest version; line 2 is
 * the start version's metadata with includeHistoricalMetadata, else the latest's, and always
 * carries `version` (Py's delta reader needs it). Delta-Table-Version is the start version.
 */
export async function tableChanges(call: TableCall, p: ChangesParams): Promise<TableAnswer> {
  requireHistory(call, "The change data feed");
  const store = call.services.storage;
  if (p.startingVersion !== undefined && p.startingTimestamp !== undefined) throw badParameter("Give startingVersion or startingTimestamp, not both.");
  if (p.endingVersion !== undefined && p.endingTimestamp !== undefined) throw badParameter("Give endingVersion or endingTimestamp, not both.");
  if (p.startingVersion === undefined && p.startingTimestamp === undefined) throw badParameter("startingVersion or startingTimestamp is required.");
  const latest = await call.services.snapshots.get(call.location);
  const startTs = timestampOf(p.startingTimestamp, "startingTimestamp");
  if (startTs !== undefined && startTs > latest.timestamp) throw badParameter(`startingTimestamp ${p.startingTimestamp} is after the latest commit.`);
  const start = startTs !== undefined ? await versionAtOrAfterTimestamp(store, call.location, startTs) : versionParam(p.startingVersion!, "startingVersion");
  const endTs = timestampOf(p.endingTimestamp, "endingTimestamp");
  const end = endTs !== undefined ? await versionAtTimestamp(store, call.location, endTs, { clampToLatest: true }) : p.endingVersion !== undefined ? versionParam(p.endingVersion, "endingVersion") : undefined;
  if (start > latest.version) throw badParameter(`startingVersion ${start} is after the latest version ${latest.version}.`);
  if (end !== undefined && end < start) throw badParameter(`The ending version ${end} is before the starting version ${start}.`);
  const startSnapshot = await call.services.snapshots.get(call.location, { version: start });
  const range = await readCommitRange(store, call.location, start, end, startSnapshot.metadata);
  let metadata = startSnapshot.metadata;
  for (const commit of range.commits) {
    metadata = commit.actions.find((a) => a.metaData)?.metaData ?? metadata;
    if (!cdfReadable(call, metadata.configuration)) throw badParameter(`The change data feed is not enabled on this table at version ${commit.version}.`);
  }
  const historical = /^true$/i.test(p.includeHistoricalMetadata ?? "");
  const head = historical ? startSnapshot : latest;
  const format = formatFor(call, head.protocol);
  const items = changeItems(range.commits, "cdf", call.location, partitionFilterFor(call, head), logicalValuesOf(head.partitionColumns, head.columnMapping.logicalToPhysical));
  const facts = { files: 0 };
  const endStream = call.caps.includeEndStreamAction || p.maxFiles !== undefined;
  const lines = changeLines(call, { format, head, headVersion: head.version, items, facts, endStream, changeDataFeed: true, historicalMetadata: historical });
  return { version: start, format, endStream: call.caps.includeEndStreamAction, lines, facts };
}

function versionParam(text: string, field: string): number {
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(Number(text))) throw badParameter(`${field} must be a non-negative integer, got '${text.slice(0, 40)}'.`);
  return Number(text);
}
