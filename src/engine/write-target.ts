import type { RequestContext } from "../context";
import { LakewardError, invalidArgument } from "../errors";
import { notFound } from "../authz/securables";
import { findSecurable, type SecurableRow } from "../catalog/rows";
import { loadTableDetails } from "../catalog/table-info";
import type { Snapshot } from "../delta/snapshot";
import { deltaReadError } from "./scan";
import type { WriteColumn } from "./port";

/** A Delta table being written, with the snapshot the write is planned against. */
export interface WriteTarget {
  row: SecurableRow;
  location: string;
  snapshot: Snapshot;
}

/**
 * Resolves the table an INSERT writes (issue 6 §2): it must be visible, the caller needs
 * MODIFY (with USE CATALOG and USE SCHEMA), and it must be a Delta table with storage — not a
 * view.
 */
export async function resolveWriteTarget(ctx: RequestContext, fullName: string): Promise<WriteTarget> {
  const row = await findSecurable(ctx.services.db, "table", fullName);
  if (!row) throw notFound("table", fullName);
  await ctx.services.authz.authorize(ctx.principal, "table.modify", row);
  const detail = (await loadTableDetails(ctx.services.db, [row.id])).get(row.id)!;
  if (detail.tableType === "VIEW") throw invalidArgument(`${fullName} is a view; INSERT needs a table.`);
  if ((detail.dataSourceFormat ?? "DELTA").toUpperCase() !== "DELTA" || !row.storageLocation) {
    throw new LakewardError("UNIMPLEMENTED", `Table ${fullName} is not a Delta table with storage; the engine writes Delta tables.`);
  }
  let snapshot: Snapshot;
  try {
    snapshot = await ctx.services.snapshots.get(row.storageLocation);
  } catch (err) {
    throw deltaReadError(fullName, err);
  }
  return { row, location: row.storageLocation, snapshot };
}

/**
 * Maps the query's output columns onto the target's columns: by position, or through the
 * statement's column list (unlisted columns get NULL, which NOT NULL columns refuse later).
 */
export function writeColumns(target: WriteTarget, sourceCount: number, listed?: string[]): WriteColumn[] {
  const { snapshot } = target;
  const fields = snapshot.schema.fields;
  if (snapshot.columnMapping.mode === "id") throw new LakewardError("UNIMPLEMENTED", `Writing to ${target.row.fullName} (column mapping by id) is not supported.`);
  const names = listed ?? fields.map((f) => f.name);
  if (names.length !== sourceCount) {
    throw invalidArgument(`[INSERT_COLUMN_ARITY_MISMATCH] Cannot write to ${target.row.fullName}: the query has ${sourceCount} columns, the ${listed ? "column list" : "table"} has ${names.length}.`);
  }
  const position = new Map<string, number>();
  names.forEach((n, i) => {
    const field = fields.find((f) => f.name.toLowerCase() === n.toLowerCase());
    if (!field) throw invalidArgument(`Column '${n}' is not a column of ${target.row.fullName}.`);
    if (position.has(field.name)) throw invalidArgument(`Column '${n}' is listed twice.`);
    position.set(field.name, i);
  });
  const partitions = new Set(snapshot.partitionColumns.map((c) => c.toLowerCase()));
  return fields.map((f) => {
    const partition = partitions.has(f.name.toLowerCase());
    if (partition && f.type.kind === "primitive" && f.type.name === "binary") throw new LakewardError("UNIMPLEMENTED", "Writing binary partition columns is not supported.");
    if (snapshot.columnMapping.mode !== "none" && f.type.kind !== "primitive" && f.type.kind !== "decimal") {
      throw new LakewardError("UNIMPLEMENTED", `Writing nested column '${f.name}' of a column-mapped table is not supported.`);
    }
    return {
      name: f.name,
      physical: snapshot.columnMapping.logicalToPhysical.get(f.name) ?? f.name,
      type: f.type,
      partition,
      nullable: f.nullable,
      source: position.get(f.name) ?? null,
    };
  });
}
