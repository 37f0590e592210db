import type { RequestContext } from "../../context";
import { LakewardError, invalidArgument } from "../../errors";
import { createTable, deleteTable } from "../../catalog/tables";
import { policyFunctionRef, validateFilterFunction, validateMaskFunction } from "../../catalog/row-filters";
import { schemaToColumnInfos } from "../../delta/catalog-columns";
import { createTable as createDeltaTable } from "../../delta/writer";
import type { StructType } from "../../delta/schema";
import type { Engine } from "../../engine/port";
import { auditEngineStatement } from "../../engine/audit";
import { storableType } from "../../engine/types";
import { resolveWriteTarget } from "../../engine/write-target";
import type { ColumnInput } from "../../catalog/columns";
import type { CreateTable } from "../ast";
import { qualify, type Session } from "./session";
import { columnsOf, createCatalogTable, tableHandlers } from "./tables";
import { EMPTY_RESULT, type ResultSet } from "./result";
import { planStatement, plannerFor } from "./engine-plan";
import { rowsWritten, writePlanned } from "./engine-insert";

/**
 * CREATE TABLE beyond the catalog form (issue 6): `AS SELECT` (CTAS) and `MASK` /
 * `WITH ROW FILTER` at creation. Everything else goes to the governance handler.
 */
export function createTableHandler(engine: Engine) {
  return async (ctx: RequestContext, session: Session, stmt: CreateTable): Promise<ResultSet> => {
    if (stmt.query) return createTableAsSelect(ctx, session, stmt, engine);
    if (stmt.rowFilter || stmt.columns?.some((c) => c.mask)) return createWithPolicies(ctx, session, stmt);
    return tableHandlers.CreateTable!(ctx, session, stmt);
  };
}

/** Databricks: creating a table with filters or masks needs CREATE TABLE and EXECUTE on each function. */
async function createWithPolicies(ctx: RequestContext, session: Session, stmt: CreateTable): Promise<ResultSet> {
  const columns = columnsOf(stmt);
  const column_masks: NonNullable<Parameters<typeof createTable>[0]["input"]["column_masks"]> = {};
  for (const def of stmt.columns ?? []) {
    if (!def.mask) continue;
    const column = columns.find((c) => c.name.toLowerCase() === def.name.value.toLowerCase())!;
    const using = def.mask.using.map((u) => (u.kind === "column" ? u.name.value : unsupportedLiteral()));
    const fn = await policyFunctionRef(ctx, qualify(session, def.mask.function, 3));
    validateMaskFunction(fn, column, using.map((u) => columnNamed(columns, u).name), columns);
    column_masks[column.name.toLowerCase()] = { function_name: fn.fullName, using_column_names: using.map((u) => columnNamed(columns, u).name) };
  }
  let row_filter;
  if (stmt.rowFilter) {
    const fn = await policyFunctionRef(ctx, qualify(session, stmt.rowFilter.function, 3));
    const on = stmt.rowFilter.columns.map((c) => columnNamed(columns, c.value).name);
    validateFilterFunction(fn, on);
    row_filter = { function_name: fn.fullName, input_column_names: on };
  }
  return createCatalogTable(ctx, session, stmt, { row_filter, column_masks });
}

function columnNamed(columns: ColumnInput[], name: string): ColumnInput {
  const hit = columns.find((c) => c.name.toLowerCase() === name.toLowerCase());
  if (!hit) throw invalidArgument(`Column '${name}' is not a column of the table.`);
  return hit;
}

function unsupportedLiteral(): never {
  throw new LakewardError("UNIMPLEMENTED", "Constants in MASK ... USING COLUMNS are not supported; pass columns.");
}

/**
 * CTAS: plans the query (SELECT on its sources), creates the table with the result's columns
 * (CREATE TABLE on the schema), then writes the rows. If the write fails the new table is
 * dropped again, so a failed CTAS leaves no empty table behind.
 */
async function createTableAsSelect(ctx: RequestContext, session: Session, stmt: CreateTable, engine: Engine): Promise<ResultSet> {
  return auditEngineStatement(ctx, "CREATE TABLE AS SELECT", async (record) => {
    if (stmt.columns?.length || stmt.rowFilter) throw new LakewardError("UNIMPLEMENTED", "CREATE TABLE ... AS SELECT takes its columns from the query; column lists, masks and row filters are not supported with it.");
    if (stmt.orReplace) throw new LakewardError("UNIMPLEMENTED", "CREATE OR REPLACE TABLE is not supported; DROP TABLE first.");
    const fullName = qualify(session, stmt.name, 3);
    const [catalog, schema, name] = fullName.split(".") as [string, string, string];
    record.tables_written = [fullName];
    const planner = await plannerFor(ctx, session, engine);
    const planned = await planStatement(planner, stmt.query!.sql, record);
    const result = await engine.describe(planned.plan);
    const struct: StructType = { kind: "struct", fields: result.map((c) => ({ name: c.name, type: storableType(c.name, c.type), nullable: true, metadata: {} })) };
    const partitions = (stmt.partitionedBy ?? []).map((p) => p.value);
    for (const p of partitions) if (!struct.fields.some((f) => f.name.toLowerCase() === p.toLowerCase())) throw invalidArgument(`PARTITIONED BY column '${p}' is not a column of the query.`);
    const format = (stmt.using?.value ?? "DELTA").toUpperCase();
    if (format !== "DELTA") throw new LakewardError("UNIMPLEMENTED", "CREATE TABLE ... AS SELECT writes Delta tables only.");
    try {
      await createTable({
        ctx,
        input: {
          name, catalog_name: catalog, schema_name: schema, table_type: stmt.location ? "EXTERNAL" : "MANAGED", data_source_format: "DELTA",
          columns: schemaToColumnInfos(struct, partitions) as ColumnInput[], storage_location: stmt.location, comment: stmt.comment,
          properties: stmt.properties ? Object.fromEntries(stmt.properties.map((p) => [p.key, p.value])) : undefined,
        },
      });
    } catch (err) {
      if (stmt.ifNotExists && err instanceof LakewardError && err.code === "TABLE_ALREADY_EXISTS") return EMPTY_RESULT;
      throw err;
    }
    try {
      if (stmt.location) await createDeltaTable(ctx.services.storage, stmt.location, { schema: struct, partitionColumns: partitions });
      return rowsWritten(await writePlanned(ctx, engine, planned, await resolveWriteTarget(ctx, fullName)));
    } catch (err) {
      await deleteTable({ ctx, fullName }).catch(() => undefined);
      throw err;
    }
  });
}
