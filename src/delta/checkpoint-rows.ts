import type { AddFile, DeletionVectorDescriptor, RemoveFile } from "./actions";
import { normaliseLongs } from "./parquet";

/**
 * Checkpoint row values → actions, shared by the generic (hyparquet objects) and the
 * leaf-column readers so both give identical actions. Parquet has no "absent", so null
 * optional fields are left out: files from a checkpoint look exactly like files from JSON.
 */

const num = (v: unknown): number => (typeof v === "bigint" ? Number(v) : (v as number));

/** Drop null fields so e.g. a {1,2} protocol has no feature lists. */
export function withoutNulls(o: Record<string, unknown>): Record<string, unknown> {
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
 * A checkpoint `add` struct as an {@link AddFile}; `stats_parsed` is kept only when `stats`
 * is absent (writeStatsAsJson=false).
 */
export function addFromRow(r: Record<string, unknown>): AddFile {
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

export function removeFromRow(r: Record<string, unknown>): RemoveFile {
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
