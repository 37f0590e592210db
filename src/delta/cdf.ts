import type { ObjectStore } from "../storage/object-store";
import { asDirectoryUrl } from "../storage/url";
import type { Action, AddFile, DeletionVectorDescriptor, Metadata, RemoveFile } from "./actions";
import { readActionsFile } from "./commit-reader";
import { columnMappingMode, columnMappingOf } from "./column-mapping";
import { mapLimit } from "./concurrency";
import { loadDeletedRows } from "./deletion-vectors";
import { DeltaError } from "./errors";
import { ictSettings } from "./ict";
import { listLog } from "./log-listing";
import { loadSnapshot, COMMIT_FETCH_CONCURRENCY } from "./load-snapshot";
import { canonicalPathKey, resolveLogPath } from "./paths";
import { assertReadable } from "./protocol-gate";
import { parseSchema } from "./schema";
import { versionAtOrAfterTimestamp, versionAtTimestamp } from "./timestamps";

/**
 * Change data feed (PROTOCOL.md "Change Data Files", digest §11). For each version in range:
 * its `cdc` files when it has any (rows carry `_change_type` themselves), else its data-changing
 * adds as inserts and removes as deletes. Rows are not read here: each change names a file and
 * which of its rows count, so an engine (DuckDB on Node, anything on Workers) reads them.
 */
export interface ChangeFeedOptions {
  startVersion?: number;
  endVersion?: number;
  /** Epoch ms: start at the first version committed at or after it. */
  startTimestamp?: number;
  /** Epoch ms: end at the last version committed at or before it (clamped to the latest). */
  endTimestamp?: number;
}

/** One file's contribution to the feed. */
export interface ChangeFile {
  version: number;
  /** Commit timestamp (ms): ICT when enabled, else the commit file's modification time. */
  timestamp: number;
  source: "cdc" | "add" | "remove";
  /** For add/remove: the change type of every selected row. Undefined for cdc files. */
  changeType?: "insert" | "delete";
  path: string;
  url: string;
  /** Raw partition values keyed by logical column name. */
  partitionValues: Record<string, string | null>;
  size: number;
  /** Rows to skip: the file's deletion vector (rows already deleted are not changes). */
  deletionVector?: DeletionVectorDescriptor;
  /** When set, only these 0-based rows changed (a DV update of one file, no cdc files). */
  rowIndexes?: number[];
}

export interface ChangeFeed {
  startVersion: number;
  endVersion: number;
  commits: { version: number; timestamp: number }[];
  changes: ChangeFile[];
  /** Table metadata as of the end version. */
  metadata: Metadata;
}

/**
 * Compute the change feed for a version or timestamp range.
 * @throws DeltaError DELTA_INVALID_ARGUMENT (start > end), DELTA_VERSION_NOT_FOUND (start after
 *   the latest version), DELTA_CDF_UNAVAILABLE (commits cleaned up, or CDF off in range)
 */
export async function readChangeFeed(store: ObjectStore, tableUrl: string, options: ChangeFeedOptions): Promise<ChangeFeed> {
  const start = options.startTimestamp !== undefined
    ? await versionAtOrAfterTimestamp(store, tableUrl, options.startTimestamp)
    : options.startVersion ?? 0;
  const listing = await listLog(store, tableUrl, 0);
  const latest = Math.max(-1, ...listing.commits.keys());
  const end = options.endTimestamp !== undefined
    ? await versionAtTimestamp(store, tableUrl, options.endTimestamp, { clampToLatest: true })
    : options.endVersion ?? latest;
  if (start > latest) throw new DeltaError("DELTA_VERSION_NOT_FOUND", `change feed start version ${start} is after the latest version ${latest}`);
  if (end < start) throw new DeltaError("DELTA_INVALID_ARGUMENT", `change feed end version ${end} is before start version ${start}`);
  if (end > latest) throw new DeltaError("DELTA_VERSION_NOT_FOUND", `change feed end version ${end} is after the latest version ${latest}`);
  const files = [];
  for (let v = start; v <= end; v++) {
    const f = listing.commits.get(v);
    if (!f) throw new DeltaError("DELTA_CDF_UNAVAILABLE", `cannot read changes of version ${v}: its commit file is missing (cleaned up?)`);
    files.push(f);
  }
  const base = await loadSnapshot(store, tableUrl, { version: start });
  const allActions = await mapLimit(files, COMMIT_FETCH_CONCURRENCY, (f) => readActionsFile(store, f.url));
  let metadata = base.metadata;
  const feed: ChangeFeed = { startVersion: start, endVersion: end, commits: [], changes: [], metadata };
  let prevTs = -Infinity;
  for (let i = 0; i < files.length; i++) {
    const version = start + i;
    const actions = allActions[i]!;
    if (i > 0) {
      for (const a of actions) {
        if (a.metaData) metadata = a.metaData;
        if (a.protocol) assertReadable(a.protocol);
      }
    }
    if ((metadata.configuration["delta.enableChangeDataFeed"] ?? "").toLowerCase() !== "true") {
      throw new DeltaError("DELTA_CDF_UNAVAILABLE", `change data feed is not enabled at version ${version} of ${tableUrl}`);
    }
    const ict = ictSettings(metadata);
    const ictValue = actions.find((a) => a.commitInfo)?.commitInfo?.inCommitTimestamp;
    const timestamp = ict && version >= ict.fromVersion && typeof ictValue === "number"
      ? ictValue
      : Math.max(files[i]!.lastModified, prevTs + 1);
    prevTs = timestamp;
    feed.commits.push({ version, timestamp });
    feed.changes.push(...(await changesOf(store, tableUrl, metadata, version, timestamp, actions)));
  }
  feed.metadata = metadata;
  return feed;
}

async function changesOf(store: ObjectStore, tableUrl: string, metadata: Metadata, version: number, timestamp: number, actions: Action[]): Promise<ChangeFile[]> {
  const root = asDirectoryUrl(tableUrl);
  const mapping = columnMappingOf(parseSchema(metadata.schemaString), columnMappingMode(metadata));
  const logical = (pv: Record<string, string | null> | null | undefined) => {
    const out: Record<string, string | null> = {};
    for (const c of metadata.partitionColumns) {
      const raw = pv?.[mapping.logicalToPhysical.get(c) ?? c];
      out[c] = raw === undefined || raw === "" ? null : raw;
    }
    return out;
  };
  const make = (source: ChangeFile["source"], f: { path: string; size?: number | null; partitionValues?: Record<string, string | null> | null }, extra: Partial<ChangeFile>): ChangeFile => ({
    version, timestamp, source, path: f.path, url: resolveLogPath(root, f.path), partitionValues: logical(f.partitionValues), size: f.size ?? 0, ...extra,
  });
  const cdc = actions.filter((a) => a.cdc).map((a) => a.cdc!);
  if (cdc.length > 0) return cdc.map((c) => make("cdc", c, {}));

  const adds = actions.filter((a) => a.add?.dataChange).map((a) => a.add!);
  const removes = actions.filter((a) => a.remove?.dataChange).map((a) => a.remove!);
  const removeByPath = new Map<string, RemoveFile>();
  for (const r of removes) removeByPath.set(canonicalPathKey(root, r.path), r);
  const out: ChangeFile[] = [];
  for (const add of adds) {
    const key = canonicalPathKey(root, add.path);
    const removed = removeByPath.get(key);
    if (removed && (removed.deletionVector || add.deletionVector)) {
      // Same file re-logged with a different DV: the rows whose deletion state flipped changed.
      removeByPath.delete(key);
      out.push(...(await dvDiff(store, tableUrl, add, removed, make)));
      continue;
    }
    out.push(make("add", add, { changeType: "insert", deletionVector: add.deletionVector ?? undefined }));
  }
  for (const r of removeByPath.values()) {
    out.push(make("remove", r, { changeType: "delete", deletionVector: r.deletionVector ?? undefined }));
  }
  return out;
}

async function dvDiff(
  store: ObjectStore,
  tableUrl: string,
  add: AddFile,
  removed: RemoveFile,
  make: (s: ChangeFile["source"], f: AddFile | RemoveFile, e: Partial<ChangeFile>) => ChangeFile,
): Promise<ChangeFile[]> {
  const before = removed.deletionVector ? new Set((await loadDeletedRows(store, tableUrl, removed.deletionVector)).rows) : new Set<number>();
  const after = add.deletionVector ? (await loadDeletedRows(store, tableUrl, add.deletionVector)).rows : [];
  const afterSet = new Set(after);
  const newlyDeleted = after.filter((r) => !before.has(r));
  const restored = [...before].filter((r) => !afterSet.has(r)).sort((a, b) => a - b);
  const out: ChangeFile[] = [];
  if (newlyDeleted.length > 0) out.push(make("remove", add, { changeType: "delete", rowIndexes: newlyDeleted }));
  if (restored.length > 0) out.push(make("add", add, { changeType: "insert", rowIndexes: restored }));
  return out;
}
