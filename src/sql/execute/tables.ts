import type { RequestContext } from "../../context";
import { LakewardError, invalidArgument } from "../../errors";
import { createTable, deleteTable, getTable, type CreateTableInput } from "../../catalog/tables";
import type { ColumnInput } from "../../catalog/columns";
import { schemaToColumnInfos } from "../../delta/catalog-columns";
import { parseTypeText } from "../../delta/type-text";
import type { StructField } from "../../delta/schema";
import { isDeltaError } from "../../delta/errors";
import type { CreateTable, DescribeTable, DropTable, DropView } from "../ast";
import { EMPTY_RESULT, stringResult, type ResultSet } from "./result";
import { qualify, type Session } from "./session";
import type { StatementHandlers } from "./registry";
import { ifExists } from "./namespace";

const FORMATS = new Set(["DELTA", "CSV", "JSON", "AVRO", "PARQUET", "ORC", "TEXT"]);

/** UC columns of a CREATE TABLE column list, typed through the Delta schema (type_text, type_json). */
export function columnsOf(stmt: Pick<CreateTable, "columns" | "partitionedBy">): ColumnInput[] {
  const fields: StructField[] = (stmt.columns ?? []).map((c) => {
    let type;
    try {
      type = parseTypeText(c.type.typeText);
    } catch (err) {
      throw invalidArgument(`Unsupported type '${c.type.typeText}' for column ${c.name.value}${isDeltaError(err) ? `: ${err.message}` : ""}.`);
    }
    return { name: c.name.value, type, nullable: !c.notNull, metadata: c.comment ? { comment: c.comment } : {} };
  });
  const partitions = (stmt.partitionedBy ?? []).map((p) => p.value);
  for (const p of partitions) {
    if (!fields.some((f) => f.name.toLowerCase() === p.toLowerCase())) throw invalidArgument(`PARTITIONED BY column '${p}' is not a column of the table.`);
  }
  return schemaToColumnInfos({ kind: "struct", fields }, partitions) as ColumnInput[];
}

/**
 * CREATE TABLE (catalog form): columns, USING, PARTITIONED BY, LOCATION (→ EXTERNAL), COMMENT,
 * TBLPROPERTIES. AS SELECT, row filters and masks need the query engine (issue 6).
 */
const createTableStmt = async (ctx: RequestContext, session: Session, stmt: CreateTable): Promise<ResultSet> => {
  if (stmt.query || stmt.rowFilter || stmt.columns?.some((c) => c.mask)) {
    throw new LakewardError("UNIMPLEMENTED", "CREATE TABLE ... AS SELECT, WITH ROW FILTER and MASK need the query engine, which this runtime does not have.");
  }
  return createCatalogTable(ctx, session, stmt);
};

/**
 * The catalog part of CREATE TABLE, shared with the query engine's handler
 * (sql/execute/engine-create-table.ts), which checks and passes row filters and masks.
 */
export async function createCatalogTable(
  ctx: RequestContext,
  session: Session,
  stmt: CreateTable,
  policies: Pick<CreateTableInput, "row_filter" | "column_masks"> = {},
): Promise<ResultSet> {
  if (stmt.orReplace) throw new LakewardError("UNIMPLEMENTED", "CREATE OR REPLACE TABLE is not supported; DROP TABLE first.");
  const [catalog, schema, name] = qualify(session, stmt.name, 3).split(".") as [string, string, string];
  const format = (stmt.using?.value ?? "DELTA").toUpperCase();
  if (!FORMATS.has(format)) throw invalidArgument(`Unsupported table format USING ${stmt.using!.value}.`);
  const external = stmt.external || stmt.location !== undefined;
  if (stmt.external && !stmt.location) throw invalidArgument("CREATE EXTERNAL TABLE needs a LOCATION.");
  try {
    await createTable({
      ctx,
      input: {
        name,
        catalog_name: catalog,
        schema_name: schema,
        table_type: external ? "EXTERNAL" : "MANAGED",
        data_source_format: format as "DELTA",
        columns: columnsOf(stmt),
        storage_location: stmt.location,
        comment: stmt.comment,
        properties: stmt.properties ? Object.fromEntries(stmt.properties.map((p) => [p.key, p.value])) : undefined,
        ...policies,
      },
    });
  } catch (err) {
    if (!(stmt.ifNotExists && err instanceof LakewardError && err.code === "TABLE_ALREADY_EXISTS")) throw err;
  }
  return EMPTY_RESULT;
}

const dropTableStmt = async (ctx: RequestContext, session: Session, stmt: DropTable | DropView): Promise<ResultSet> => {
  const fullName = qualify(session, stmt.name, 3);
  await ifExists(stmt.ifExists, async () => {
    const table = await getTable({ ctx, fullName });
    const isView = table.table_type === "VIEW";
    if (isView !== (stmt.kind === "DropView")) {
      throw invalidArgument(`${fullName} is a ${isView ? "view" : "table"}: use DROP ${isView ? "VIEW" : "TABLE"}.`);
    }
    await deleteTable({ ctx, fullName });
  });
  return EMPTY_RESULT;
};

/** DESCRIBE TABLE [EXTENDED]: columns, partitioning, and (EXTENDED) the catalog's facts. */
const describeTable = async (ctx: RequestContext, session: Session, stmt: DescribeTable): Promise<ResultSet> => {
  const t = await getTable({ ctx, fullName: qualify(session, stmt.name, 3) });
  const rows: (string | null)[][] = t.columns.map((c) => [c.name, c.type_text, c.comment ?? null]);
  const partitions = t.columns.filter((c) => c.partition_index !== null && c.partition_index !== undefined).sort((a, b) => a.partition_index! - b.partition_index!);
  if (partitions.length > 0) {
    rows.push(["# Partition Information", "", ""], ["# col_name", "data_type", "comment"], ...partitions.map((c) => [c.name, c.type_text, c.comment ?? null]));
  }
  if (stmt.extended) {
    const props = Object.entries(t.properties).map(([k, v]) => `${k}=${v}`).join(",");
    rows.push(
      ["", "", ""],
      ["# Detailed Table Information", "", ""],
      ["Catalog", t.catalog_name, ""],
      ["Database", t.schema_name, ""],
      ["Table", t.name, ""],
      ["Owner", t.owner, ""],
      ["Type", t.table_type, ""],
      ["Provider", t.data_source_format ?? "", ""],
      ["Location", t.storage_location ?? "", ""],
      ["Comment", t.comment ?? "", ""],
      ["Table Properties", `[${props}]`, ""],
    );
    if (t.view_definition) rows.push(["View Text", t.view_definition, ""]);
  }
  return stringResult(["col_name", "data_type", "comment"], rows);
};

export const tableHandlers: StatementHandlers = {
  CreateTable: createTableStmt,
  DropTable: dropTableStmt,
  DropView: dropTableStmt,
  DescribeTable: describeTable,
};
