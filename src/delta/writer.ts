import type { ObjectStore } from "../storage/object-store";
import type { Action, AddFile, Metadata, Protocol, RemoveFile } from "./actions";
import { writeCheckpoint, type CheckpointResult } from "./checkpoint-writer";
import { columnMappingMode, columnMappingOf, statsKeysToPhysical } from "./column-mapping";
import { commitWithRetry, type CommitOptions } from "./commit";
import { DeltaError, isDeltaError } from "./errors";
import { ictSettings } from "./ict";
import { listLog } from "./log-listing";
import { loadSnapshot } from "./load-snapshot";
import { canonicalPathKey, encodePath } from "./paths";
import { assertWritable } from "./protocol-gate";
import { findField, schemaToJson, type StructType } from "./schema";
import type { Snapshot } from "./snapshot";
import { asDirectoryUrl } from "../storage/url";

/** A new table: typed columns, partitioning and properties. */
export interface NewTable {
  schema: StructType;
  partitionColumns?: string[];
  configuration?: Record<string, string>;
  name?: string;
  description?: string;
}

/** A data file to add; `path` is the object key relative to the table root (not encoded). */
export interface NewDataFile {
  path: string;
  size: number;
  /** Raw partition values keyed by logical column name (serialized per PROTOCOL.md). */
  partitionValues?: Record<string, string | null>;
  modificationTime?: number;
  /** Stats keyed by logical column names; at least numRecords is recommended. */
  stats?: { numRecords: number; minValues?: Record<string, unknown>; maxValues?: Record<string, unknown>; nullCount?: Record<string, unknown>; tightBounds?: boolean };
  tags?: Record<string, string>;
}

export interface WriteOptions extends CommitOptions {
  /** Idempotent-writer marker (`txn` action). */
  txn?: { appId: string; version: number };
}

/** A committed version plus the checkpoint written after it, if one was due. */
export interface WriteResult {
  version: number;
  retriedOver: number[];
  checkpoint?: CheckpointResult;
  /** The commit succeeded but writing its checkpoint failed (harmless: readers fall back). */
  checkpointError?: unknown;
}

/**
 * Create a table at `tableUrl` (version 0: protocol + metaData). The protocol is the lowest
 * covering what is used: {1,2} normally, {3,7} with the timestampNtz feature when a column
 * needs it (PROTOCOL.md "Writer Requirements").
 * @throws DeltaError DELTA_TABLE_EXISTS, DELTA_INVALID_ARGUMENT
 */
export async function createTable(store: ObjectStore, tableUrl: string, table: NewTable, options: CommitOptions = {}): Promise<WriteResult> {
  const listing = await listLog(store, tableUrl, 0);
  if (listing.commits.size > 0 || listing.checkpoints.size > 0) throw new DeltaError("DELTA_TABLE_EXISTS", `a Delta table already exists at ${tableUrl}`);
  const partitionColumns = table.partitionColumns ?? [];
  for (const c of partitionColumns) {
    const field = findField(table.schema, c);
    if (!field) throw new DeltaError("DELTA_INVALID_ARGUMENT", `partition column "${c}" is not in the schema`);
    if (field.type.kind !== "primitive" && field.type.kind !== "decimal") throw new DeltaError("DELTA_INVALID_ARGUMENT", `partition column "${c}" must have a primitive type`);
  }
  const configuration = table.configuration ?? {};
  if (columnMappingMode({ configuration } as Metadata) !== "none") {
    throw new DeltaError("DELTA_INVALID_ARGUMENT", "creating column-mapped tables is not supported yet (appending to existing ones is)");
  }
  const needsNtz = schemaToJson(table.schema).includes('"timestamp_ntz"');
  const ict = (configuration["delta.enableInCommitTimestamps"] ?? "").toLowerCase() === "true";
  const protocol: Protocol = needsNtz || ict
    ? { minReaderVersion: needsNtz ? 3 : 1, minWriterVersion: 7, ...(needsNtz ? { readerFeatures: ["timestampNtz"] } : {}),
        writerFeatures: [...(needsNtz ? ["timestampNtz"] : []), ...(ict ? ["inCommitTimestamp"] : []), "appendOnly", "invariants"] }
    : { minReaderVersion: 1, minWriterVersion: 2 };
  const clock = options.clock ?? Date.now;
  const metaData: Metadata = {
    id: crypto.randomUUID(),
    name: table.name ?? null,
    description: table.description ?? null,
    format: { provider: "parquet", options: {} },
    schemaString: schemaToJson(table.schema),
    partitionColumns,
    configuration,
    createdTime: clock(),
  };
  assertWritable(protocol, metaData);
  const committed = await commitWithRetry(store, tableUrl, {
    readVersion: -1, actions: [{ protocol }, { metaData }], operation: "CREATE TABLE",
    operationParameters: { partitionBy: JSON.stringify(partitionColumns) }, isBlindAppend: true,
  }, options);
  return { version: committed.version, retriedOver: committed.retriedOver };
}

/**
 * Append data files (a blind append: retried over concurrent appends, fails on concurrent
 * metadata/protocol changes or deletes).
 */
export async function appendFiles(store: ObjectStore, tableUrl: string, files: NewDataFile[], options: WriteOptions = {}): Promise<WriteResult> {
  const snapshot = await loadSnapshot(store, tableUrl);
  assertWritable(snapshot.protocol, snapshot.metadata);
  const now = (options.clock ?? Date.now)();
  const actions: Action[] = files.map((f) => ({ add: toAdd(snapshot, f, now) }));
  if (options.txn) actions.push({ txn: { appId: options.txn.appId, version: options.txn.version, lastUpdated: now } });
  return commitAndCheckpoint(store, snapshot, actions, "WRITE", { mode: "Append" }, true, options);
}

/**
 * Remove data files by their log path (as in `DataFile.add.path`). Every live entry of the
 * path is removed, keeping its deletion vector so the remove matches the add's key.
 * Not a blind append: a concurrent commit makes it fail with DELTA_COMMIT_CONFLICT.
 */
export async function removeFiles(store: ObjectStore, tableUrl: string, paths: string[], options: CommitOptions = {}): Promise<WriteResult> {
  const snapshot = await loadSnapshot(store, tableUrl);
  assertWritable(snapshot.protocol, snapshot.metadata);
  if ((snapshot.configuration["delta.appendOnly"] ?? "").toLowerCase() === "true") {
    throw new DeltaError("DELTA_INVALID_ARGUMENT", `table ${tableUrl} is append-only (delta.appendOnly=true): files cannot be removed`);
  }
  const root = asDirectoryUrl(tableUrl);
  const wanted = new Set(paths.map((p) => canonicalPathKey(root, p)));
  const now = (options.clock ?? Date.now)();
  const actions: Action[] = [];
  const found = new Set<string>();
  for (const f of snapshot.files) {
    const key = canonicalPathKey(root, f.add.path);
    if (!wanted.has(key)) continue;
    found.add(key);
    const remove: RemoveFile = {
      path: f.add.path, deletionTimestamp: now, dataChange: true, extendedFileMetadata: true,
      partitionValues: f.add.partitionValues, size: f.add.size, ...(f.add.deletionVector ? { deletionVector: f.add.deletionVector } : {}),
    };
    actions.push({ remove });
  }
  const missing = [...wanted].filter((k) => !found.has(k));
  if (missing.length > 0) throw new DeltaError("DELTA_INVALID_ARGUMENT", `not live files of ${tableUrl}: ${missing.join(", ")}`);
  return commitAndCheckpoint(store, snapshot, actions, "DELETE", {}, false, options);
}

async function commitAndCheckpoint(
  store: ObjectStore, snapshot: Snapshot, actions: Action[], operation: string,
  operationParameters: Record<string, unknown>, isBlindAppend: boolean, options: CommitOptions,
): Promise<WriteResult> {
  const committed = await commitWithRetry(store, snapshot.tableUrl, {
    readVersion: snapshot.version, actions, operation, operationParameters, isBlindAppend,
    previousInCommitTimestamp: ictSettings(snapshot.metadata) ? snapshot.timestamp : undefined,
  }, options);
  const result: WriteResult = { version: committed.version, retriedOver: committed.retriedOver };
  const interval = Number(snapshot.configuration["delta.checkpointInterval"] ?? 10) || 10;
  if (committed.version > 0 && committed.version % interval === 0) {
    try {
      const at = await loadSnapshot(store, snapshot.tableUrl, { version: committed.version });
      result.checkpoint = await writeCheckpoint(store, at, (options.clock ?? Date.now)());
    } catch (err) {
      if (!isDeltaError(err) && !(err instanceof Error)) throw err;
      result.checkpointError = err;
    }
  }
  return result;
}

function toAdd(snapshot: Snapshot, f: NewDataFile, now: number): AddFile {
  if (!f.path || f.path.startsWith("/") || f.path.startsWith("_") || f.path.split("/").some((s) => s === ".." || s.startsWith("_delta_log"))) {
    throw new DeltaError("DELTA_INVALID_ARGUMENT", `data file path must be relative to the table root and outside _delta_log: "${f.path}"`);
  }
  const mapping = columnMappingOf(snapshot.schema, columnMappingMode(snapshot.metadata));
  const given = f.partitionValues ?? {};
  for (const k of Object.keys(given)) {
    if (!snapshot.partitionColumns.includes(k)) throw new DeltaError("DELTA_INVALID_ARGUMENT", `"${k}" is not a partition column`);
  }
  const partitionValues: Record<string, string | null> = {};
  for (const c of snapshot.partitionColumns) {
    if (!(c in given)) throw new DeltaError("DELTA_INVALID_ARGUMENT", `file ${f.path} has no value for partition column "${c}"`);
    partitionValues[mapping.logicalToPhysical.get(c) ?? c] = given[c] ?? null;
  }
  let stats: string | undefined;
  if (f.stats) {
    const conv = (o?: Record<string, unknown>) => statsKeysToPhysical(o ?? {}, snapshot.schema, mapping.mode);
    stats = JSON.stringify({
      numRecords: f.stats.numRecords, minValues: conv(f.stats.minValues), maxValues: conv(f.stats.maxValues),
      nullCount: conv(f.stats.nullCount), ...(f.stats.tightBounds === undefined ? {} : { tightBounds: f.stats.tightBounds }),
    });
  }
  return {
    path: encodePath(f.path), partitionValues, size: f.size, modificationTime: f.modificationTime ?? now, dataChange: true,
    ...(stats ? { stats } : {}), ...(f.tags ? { tags: f.tags } : {}),
  };
}
