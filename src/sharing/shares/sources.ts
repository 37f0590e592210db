import type { RequestContext } from "../../context";
import { LakewardError, invalidArgument } from "../../errors";
import type { StoredPartitionSpec } from "../../../schema/index";
import type { SecurableRow } from "../../catalog/rows";
import { SCHEMA, TABLE } from "../../catalog/kinds";
import { resolveVisible } from "../../catalog/securable-verbs";
import { loadTableDetails, type TableDetailRow } from "../../catalog/table-info";
import type { DataObjectType } from "./objects";
import { validatePartitions } from "./partitions";

/** A resolved source of a data object and the rules that depend on it. */
export interface ResolvedSource {
  type: DataObjectType;
  row: SecurableRow;
  partitions(specs: readonly StoredPartitionSpec[]): StoredPartitionSpec[];
  historyAllowed(history: boolean): boolean;
}

/**
 * Resolves what a data object names and checks the caller may share it: it must see it and
 * hold SELECT on it (with USE CATALOG / USE SCHEMA), as Databricks requires of whoever adds a
 * table to a share (uc-semantics §5).
 */
export async function resolveSource(ctx: RequestContext, input: { name: string; data_object_type?: DataObjectType | null }, field: string): Promise<ResolvedSource> {
  const type = input.data_object_type ?? "TABLE";
  if (type === "SCHEMA") {
    const row = await resolveVisible(ctx, SCHEMA, input.name ?? "", `${field}.name`);
    // table.select's rule evaluated on the schema itself asks for USE CATALOG, USE SCHEMA and
    // SELECT on the schema (or its catalog): the privilege that covers every table below it.
    await ctx.services.authz.authorize(ctx.principal, "table.select", row);
    return { type, row, partitions: (specs) => none(specs, "a schema", field), historyAllowed: (h) => h };
  }
  if (type !== "TABLE" && type !== "VIEW") throw invalidArgument(`Invalid ${field}.data_object_type: expected TABLE, SCHEMA or VIEW.`, { field });
  const row = await resolveVisible(ctx, TABLE, input.name ?? "", `${field}.name`);
  await ctx.services.authz.authorize(ctx.principal, "table.select", row);
  const detail = (await loadTableDetails(ctx.services.db, [row.id])).get(row.id)!;
  const isView = detail.tableType === "VIEW";
  if (isView !== (type === "VIEW")) {
    throw invalidArgument(`${row.fullName} is a ${isView ? "view" : "table"}: add it with data_object_type ${isView ? "VIEW" : "TABLE"}.`, { field });
  }
  if (type === "VIEW") {
    return {
      type,
      row,
      partitions: (specs) => none(specs, "a view", field),
      historyAllowed: (h) => {
        if (h) throw invalidArgument(`History cannot be shared for a view (${row.fullName}).`, { field });
        return false;
      },
    };
  }
  assertShareableTable(row, detail);
  const partitionColumns = detail.columns
    .filter((c) => c.partition_index !== null && c.partition_index !== undefined)
    .sort((a, b) => a.partition_index! - b.partition_index!)
    .map((c) => c.name);
  return { type, row, partitions: (specs) => validatePartitions(specs, partitionColumns, `${field}.partitions`), historyAllowed: (h) => h };
}

/**
 * Governance holds outside (issue 8 §7): a row filter or column mask is enforced by Lakeward's
 * engine, which recipients bypass (they read the files), so such a table is refused as is.
 */
export function assertShareableTable(row: SecurableRow | { fullName: string }, detail: TableDetailRow): void {
  const masked = detail.columns.filter((c) => c.mask).map((c) => c.name);
  if (detail.rowFilter || masked.length > 0) {
    const what = [detail.rowFilter ? "a row filter" : "", masked.length ? `column masks (${masked.join(", ")})` : ""].filter(Boolean).join(" and ");
    throw new LakewardError(
      "FAILED_PRECONDITION",
      `${row.fullName} has ${what}, which recipients would bypass: a table with row filters or column masks cannot be shared as is. Share a view that applies the same rules, or a filtered copy of the table, instead.`,
    );
  }
  if ((detail.dataSourceFormat ?? "").toUpperCase() !== "DELTA") {
    throw invalidArgument(`${row.fullName} is not a Delta table: only Delta tables (or views) can be shared.`);
  }
}

function none(specs: readonly StoredPartitionSpec[], what: string, field: string): StoredPartitionSpec[] {
  if (specs.length > 0) throw invalidArgument(`Invalid ${field}.partitions: ${what} cannot be shared by partition.`, { field });
  return [];
}
