import type { Snapshot } from "../delta/snapshot";
import type { StructField } from "../delta/schema";
import { physicalSchema } from "../delta/column-mapping";
import { resolveLogPath } from "../delta/paths";
import { asDirectoryUrl } from "../storage/url";
import { isDeltaError } from "../delta/errors";
import { LakewardError } from "../errors";
import type { RequestContext } from "../context";
import type { ScanColumn, TableScan } from "./port";

/**
 * What the engine reads for a table: the exact live files of its latest Delta snapshot with
 * their partition values and deletion vectors (issue 6 §1). The engine never lists the table's
 * directory, so files of older versions, removed files and the log stay out of reach.
 */
export async function snapshotScan(ctx: RequestContext, name: string, table: string, location: string): Promise<TableScan> {
  let snapshot: Snapshot;
  try {
    snapshot = await ctx.services.snapshots.get(location);
  } catch (err) {
    throw deltaReadError(table, err);
  }
  const physical = physicalSchema(snapshot.schema, snapshot.columnMapping.mode).fields;
  const partitions = new Set(snapshot.partitionColumns.map((c) => c.toLowerCase()));
  const columns: ScanColumn[] = snapshot.schema.fields.map((f: StructField, i: number) => ({
    name: f.name,
    physical: snapshot.columnMapping.logicalToPhysical.get(f.name) ?? f.name,
    type: f.type,
    physicalType: physical[i]!.type,
    partition: partitions.has(f.name.toLowerCase()),
  }));
  const root = asDirectoryUrl(location);
  for (const f of snapshot.files) assertInsideTable(table, root, f.url);
  for (const f of snapshot.files) {
    const dv = f.add.deletionVector;
    if (dv?.storageType === "p") assertInsideTable(table, root, resolveLogPath(root, dv.pathOrInlineDv));
  }
  try {
    const files = await Promise.all(
      snapshot.files.map(async (f) => ({
        url: f.url,
        partitionValues: snapshot.rawPartitionValues(f),
        deletedRows: (await snapshot.deletedRows(f))?.rows,
      })),
    );
    return { name, table, location, columns, files };
  } catch (err) {
    throw deltaReadError(table, err);
  }
}

/**
 * Delta allows data files anywhere (absolute paths, `..`), but a table may only serve its own:
 * otherwise whoever can write a table's log could list another table's files in it and read
 * them under their own (policy-free) table. Files outside the table's location are refused.
 */
function assertInsideTable(table: string, root: string, url: string): void {
  const segments = url.slice(root.length).split("/");
  if (!url.startsWith(root) || segments.some((s) => s === ".." || s === ".")) {
    throw new LakewardError("PERMISSION_DENIED", `Table ${table} lists a data file outside its own location; the engine reads only files under a table's location.`);
  }
}

/** A Delta problem as the statement API reports it: unsupported features are UNIMPLEMENTED. */
export function deltaReadError(table: string, err: unknown): LakewardError {
  if (!isDeltaError(err)) {
    return new LakewardError("FAILED_PRECONDITION", `Cannot read table ${table}: ${(err as Error)?.message ?? String(err)}`);
  }
  const code = err.code === "DELTA_UNSUPPORTED_FEATURE" ? "UNIMPLEMENTED" : "FAILED_PRECONDITION";
  return new LakewardError(code, `Cannot read table ${table}: ${err.message}`);
}
