import { parquetWriteBuffer } from "hyparquet-writer";
import type { ObjectStore } from "../storage/object-store";
import type { AddFile, DeletionVectorDescriptor, RemoveFile } from "./actions";
import { CHECKPOINT_COLUMNS, checkpointParquetSchema, INT64_FIELDS } from "./checkpoint-schema";
import { DeltaError } from "./errors";
import { checkpointFileName } from "./filenames";
import { writeLastCheckpoint, type LastCheckpointHint } from "./last-checkpoint";
import { logUrlOf } from "./log-listing";
import type { Snapshot } from "./snapshot";

/**
 * Write a classic single-file checkpoint for a snapshot, then `_last_checkpoint`.
 *
 * Why hyparquet-writer: like hyparquet it is pure JS (Workers-safe) and, given an explicit
 * schema, writes nested optional structs, MAPs and LISTs with correct definition/repetition
 * levels (checked by reading our checkpoints back with hyparquet and with DuckDB's
 * read_parquet in tests). A JSON V2 checkpoint would avoid parquet, but it is only valid on
 * tables with the v2Checkpoint feature, so a classic parquet file is the protocol-valid choice
 * for ordinary tables.
 *
 * Order matters: the checkpoint is written only after its commit exists, and the hint after
 * the checkpoint — a crash in between leaves a stale hint, which readers tolerate.
 */
export interface CheckpointResult {
  version: number;
  url: string;
  hint: LastCheckpointHint;
}

const DEFAULT_TOMBSTONE_RETENTION_MS = 7 * 24 * 3600 * 1000;

/** Write `<version>.checkpoint.parquet` and update `_last_checkpoint`. */
export async function writeCheckpoint(store: ObjectStore, snapshot: Snapshot, now = Date.now()): Promise<CheckpointResult> {
  const bytes = encodeCheckpoint(snapshot, now);
  const logUrl = logUrlOf(snapshot.tableUrl);
  const url = logUrl + checkpointFileName(snapshot.version);
  // A plain put: racing writers of the same checkpoint write equivalent content.
  await store.put(url, bytes.data);
  const hint: LastCheckpointHint = {
    version: snapshot.version,
    size: bytes.rows,
    sizeInBytes: bytes.data.byteLength,
    numOfAddFiles: snapshot.numFiles,
  };
  await writeLastCheckpoint(store, logUrl, hint);
  return { version: snapshot.version, url, hint };
}

/** Encode the checkpoint rows of a snapshot as parquet bytes. */
export function encodeCheckpoint(snapshot: Snapshot, now = Date.now()): { data: Uint8Array; rows: number } {
  const rows: Record<string, unknown>[] = [];
  rows.push({ protocol: snapshot.protocol });
  rows.push({ metaData: { ...snapshot.metadata, format: { provider: snapshot.metadata.format.provider, options: snapshot.metadata.format.options ?? {} } } });
  for (const txn of snapshot.txns.values()) rows.push({ txn });
  for (const d of snapshot.domainMetadata.values()) rows.push({ domainMetadata: d });
  for (const file of snapshot.files) rows.push({ add: addRow(file.add) });
  const cutoff = now - retentionMs(snapshot.configuration["delta.deletedFileRetentionDuration"]);
  for (const r of snapshot.state.tombstones()) {
    // Expired tombstones are dropped (PROTOCOL.md "Checkpoints": unexpired removes only).
    if ((r.deletionTimestamp ?? now) >= cutoff) rows.push({ remove: removeRow(r) });
  }
  const columnData = CHECKPOINT_COLUMNS.map((name) => ({
    name,
    data: rows.map((r) => (r[name] === undefined ? null : toInt64(name, r[name] as Record<string, unknown>))),
  }));
  try {
    const buffer = parquetWriteBuffer({ columnData, schema: checkpointParquetSchema(), codec: "SNAPPY", statistics: false });
    return { data: new Uint8Array(buffer), rows: rows.length };
  } catch (err) {
    throw new DeltaError("DELTA_LOG_CORRUPT", `cannot encode checkpoint for version ${snapshot.version}: ${String(err)}`, { cause: err });
  }
}

function addRow(a: AddFile): Record<string, unknown> {
  return {
    path: a.path, partitionValues: a.partitionValues ?? {}, size: a.size, modificationTime: a.modificationTime,
    dataChange: a.dataChange, stats: a.stats ?? (a.stats_parsed ? JSON.stringify(a.stats_parsed) : null), tags: a.tags ?? null,
    deletionVector: dvRow(a.deletionVector), baseRowId: a.baseRowId ?? null, defaultRowCommitVersion: a.defaultRowCommitVersion ?? null,
    clusteringProvider: a.clusteringProvider ?? null,
  };
}

function removeRow(r: RemoveFile): Record<string, unknown> {
  return {
    path: r.path, deletionTimestamp: r.deletionTimestamp ?? null, dataChange: r.dataChange, extendedFileMetadata: r.extendedFileMetadata ?? null,
    partitionValues: r.partitionValues ?? null, size: r.size ?? null, deletionVector: dvRow(r.deletionVector),
    baseRowId: r.baseRowId ?? null, defaultRowCommitVersion: r.defaultRowCommitVersion ?? null,
  };
}

function dvRow(dv: DeletionVectorDescriptor | null | undefined): Record<string, unknown> | null {
  if (!dv) return null;
  return {
    storageType: dv.storageType, pathOrInlineDv: dv.pathOrInlineDv, offset: dv.offset ?? null,
    sizeInBytes: dv.sizeInBytes, cardinality: BigInt(dv.cardinality), maxRowIndex: dv.maxRowIndex == null ? null : BigInt(dv.maxRowIndex),
  };
}

function toInt64(column: string, value: Record<string, unknown>): Record<string, unknown> {
  const longs = INT64_FIELDS[column]!;
  if (longs.size === 0) return value;
  const out: Record<string, unknown> = { ...value };
  for (const k of longs) {
    const v = out[k];
    if (typeof v === "number") out[k] = BigInt(v);
  }
  return out;
}

/** Parse `interval 1 week`-style durations; unparseable → the default (1 week). */
export function retentionMs(text: string | undefined): number {
  if (!text) return DEFAULT_TOMBSTONE_RETENTION_MS;
  const m = /^\s*(?:interval\s+)?(\d+)\s*(millisecond|second|minute|hour|day|week)s?\s*$/i.exec(text);
  if (!m) return DEFAULT_TOMBSTONE_RETENTION_MS;
  const unit = { millisecond: 1, second: 1e3, minute: 6e4, hour: 3.6e6, day: 8.64e7, week: 6.048e8 }[m[2]!.toLowerCase() as "day"];
  return Number(m[1]) * unit;
}
