import { versionAtOrAfterTimestamp } from "../../delta/timestamps";
import { badParameter } from "./errors";
import { metadataLine, protocolLine } from "./lines";
import { timestampOf } from "./query-request";
import { cdfReadable, formatFor, requireHistory, type TableAnswer, type TableCall } from "./table-call";

/**
 * GET …/version and HEAD …/tables/{t} (digest A.2 #6): the latest version, or with
 * startingTimestamp the first version committed at or after it (history only).
 */
export async function tableVersion(call: TableCall, startingTimestamp: string | undefined): Promise<number> {
  const ts = timestampOf(startingTimestamp, "startingTimestamp");
  const latest = await call.services.snapshots.get(call.location);
  if (ts === undefined) return latest.version;
  requireHistory(call, "Resolving a starting timestamp");
  if (ts > latest.timestamp) throw badParameter(`startingTimestamp ${startingTimestamp} is after the latest commit.`);
  return versionAtOrAfterTimestamp(call.services.storage, call.location, ts);
}

/**
 * GET …/metadata (digest A.2 #7): exactly two lines, protocol and metaData, of the latest
 * snapshot or (history only) of a version or timestamp.
 */
export async function tableMetadata(call: TableCall, p: { version?: string; timestamp?: string }): Promise<TableAnswer> {
  if (p.version !== undefined && p.timestamp !== undefined) throw badParameter("Give version or timestamp, not both.");
  if (p.version !== undefined && !/^\d+$/.test(p.version)) throw badParameter(`version must be a non-negative integer, got '${p.version.slice(0, 40)}'.`);
  const timestamp = timestampOf(p.timestamp, "timestamp");
  if (p.version !== undefined || timestamp !== undefined) requireHistory(call, "Time travel");
  const snapshot = await call.services.snapshots.get(call.location, p.version !== undefined ? { version: Number(p.version) } : timestamp !== undefined ? { timestamp } : {});
  const format = formatFor(call, snapshot.protocol);
  async function* lines(): AsyncGenerator<string> {
    yield protocolLine(format, snapshot.protocol);
    yield metadataLine(format, snapshot.metadata, { changeDataFeed: cdfReadable(call, snapshot.configuration) });
  }
  return { version: snapshot.version, format, endStream: false, lines: lines(), facts: { files: 0 } };
}
