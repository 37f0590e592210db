import type { ObjectStore } from "../storage/object-store";
import type { Action, AddFile, DeletionVectorDescriptor, RemoveFile } from "./actions";
import { parseActions } from "./commit-reader";
import { DeltaError } from "./errors";
import type { CheckpointRef } from "./log-listing";
import { normaliseLongs, readParquetRows } from "./parquet";
import { resolveLogPath } from "./paths";

/** Top-level checkpoint columns a snapshot needs (digest §2 "Performance notes"). */
const COLUMNS = ["add", "remove", "metaData", "protocol", "txn", "domainMetadata", "sidecar", "checkpointMetadata"];
const SIDECAR_COLUMNS = ["add", "remove"];

/**
 * Read every action of a checkpoint: classic, all parts of a multi-part one, or a v2 manifest
 * (parquet or JSON) plus the sidecar files it lists (PROTOCOL.md "V2 Spec", "Sidecar Files").
 * Parts and sidecars are fetched in parallel.
 */
export async function readCheckpoint(store: ObjectStore, ref: CheckpointRef): Promise<Action[]> {
  const perFile = await Promise.all(ref.files.map((f) => readCheckpointFile(store, f.url, f.name, COLUMNS)));
  const actions = perFile.flat();
  const sidecars = actions.filter((a) => a.sidecar).map((a) => a.sidecar!);
  if (sidecars.length === 0) return actions;
  const logUrl = ref.files[0]!.url.slice(0, ref.files[0]!.url.lastIndexOf("/") + 1);
  const fromSidecars = await Promise.all(
    sidecars.map((s) => {
      // Sidecar paths are usually bare file names relative to _delta_log/_sidecars/.
      const url = resolveLogPath(`${logUrl}_sidecars/`, s.path);
      return readCheckpointFile(store, url, s.path, SIDECAR_COLUMNS);
    }),
  );
  return actions.filter((a) => !a.sidecar).concat(...fromSidecars);
}

async function readCheckpointFile(store: ObjectStore, url: string, name: string, columns: string[]): Promise<Action[]> {
  let bytes: Uint8Array;
  try {
    bytes = await store.get(url);
  } catch (err) {
    throw new DeltaError("DELTA_LOG_CORRUPT", `checkpoint file ${url} cannot be read: ${String(err)}`, { cause: err });
  }
  if (name.endsWith(".json")) return parseActions(new TextDecoder().decode(bytes), name);
  const rows = await readParquetRows(bytes, columns, name);
  const out: Action[] = [];
  for (const row of rows) {
    if (row.add) out.push({ add: addFromRow(row.add as Record<string, unknown>) });
    else if (row.remove) out.push({ remove: removeFromRow(row.remove as Record<string, unknown>) });
    else {
      for (const key of columns) {
        const v = row[key];
        if (v !== null && v !== undefined) {
          out.push({ [key]: withoutNulls(normaliseLongs(v) as Record<string, unknown>) } as Action);
          break;
        }
      }
    }
  }
  return out;
}

const num = (v: unknown): number => (typeof v === "bigint" ? Number(v) : (v as number));
/** Parquet has no "absent": drop null fields so e.g. a {1,2} protocol has no feature lists. */
function withoutNulls(o: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v !== null) out[k] = v;
  return out;
}

function dvFromRow(v: unknown): DeletionVectorDescriptor | null {
  if (!v) return null;
  const d = v as Record<string, unknown>;
  const dv: DeletionVectorDescriptor = {
    storageType: d.storageType as DeletionVectorDescriptor["storageType"],
    pathOrInlineDv: d.pathOrInlineDv as string,
    sizeInBytes: num(d.sizeInBytes),
    cardinality: num(d.cardinality),
  };
  if (d.offset != null) dv.offset = num(d.offset);
  if (d.maxRowIndex != null) dv.maxRowIndex = num(d.maxRowIndex);
  return dv;
}

/**
 * A checkpoint `add` struct as an {@link AddFile}. Null optional fields are left out so that
 * files from a checkpoint look exactly like files from JSON commits; `stats_parsed` is kept
 * only when `stats` is absent (writeStatsAsJson=false).
 */
function addFromRow(r: Record<string, unknown>): AddFile {
  const add: AddFile = {
    path: r.path as string,
    partitionValues: (r.partitionValues as Record<string, string | null>) ?? {},
    size: num(r.size),
    modificationTime: num(r.modificationTime),
    dataChange: r.dataChange as boolean,
  };
  if (r.stats != null) add.stats = r.stats as string;
  else if (r.stats_parsed) add.stats_parsed = normaliseLongs(r.stats_parsed as Record<string, unknown>);
  if (r.tags != null) add.tags = r.tags as Record<string, string>;
  const dv = dvFromRow(r.deletionVector);
  if (dv) add.deletionVector = dv;
  if (r.baseRowId != null) add.baseRowId = num(r.baseRowId);
  if (r.defaultRowCommitVersion != null) add.defaultRowCommitVersion = num(r.defaultRowCommitVersion);
  if (r.clusteringProvider != null) add.clusteringProvider = r.clusteringProvider as string;
  return add;
}

function removeFromRow(r: Record<string, unknown>): RemoveFile {
  const remove: RemoveFile = { path: r.path as string, dataChange: r.dataChange as boolean };
  if (r.deletionTimestamp != null) remove.deletionTimestamp = num(r.deletionTimestamp);
  if (r.extendedFileMetadata != null) remove.extendedFileMetadata = r.extendedFileMetadata as boolean;
  if (r.partitionValues != null) remove.partitionValues = r.partitionValues as Record<string, string | null>;
  if (r.size != null) remove.size = num(r.size);
  const dv = dvFromRow(r.deletionVector);
  if (dv) remove.deletionVector = dv;
  if (r.baseRowId != null) remove.baseRowId = num(r.baseRowId);
  if (r.defaultRowCommitVersion != null) remove.defaultRowCommitVersion = num(r.defaultRowCommitVersion);
  return remove;
}
