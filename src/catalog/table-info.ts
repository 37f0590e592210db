import { and, eq, inArray, sql } from "drizzle-orm";
import { preparedQuery } from "../db/prepared";
import type { Db } from "../db/types";
import { principals, securables, tableDetails, type StoredColumn, type StoredRowFilter } from "../../schema/index";
import { securableColumns, type SecurableRow } from "./rows";

/**
 * TableInfo with Unity Catalog OSS's field names (uc-oss §2.3), plus Databricks' `full_name`,
 * `row_filter` and column `mask` (OSS clients ignore unknown fields).
 */
export interface TableInfo {
  name: string;
  catalog_name: string;
  schema_name: string;
  full_name: string;
  table_type: string;
  data_source_format: string | null;
  columns: StoredColumn[];
  storage_location: string | null;
  comment: string | null;
  properties: Record<string, string>;
  owner: string;
  created_at: number;
  created_by: string;
  updated_at: number | null;
  updated_by: string | null;
  table_id: string;
  view_definition: string | null;
  view_dependencies: unknown;
  row_filter: StoredRowFilter | null;
}

export type TableDetailRow = typeof tableDetails.$inferSelect;

/** Loads the table-specific rows for many tables with one query. */
export async function loadTableDetails(db: Db, ids: string[]): Promise<Map<string, TableDetailRow>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select().from(tableDetails).where(inArray(tableDetails.securableId, ids));
  return new Map(rows.map((r) => [r.securableId, r]));
}

export async function toTableInfos(db: Db, rows: SecurableRow[]): Promise<TableInfo[]> {
  const details = await loadTableDetails(db, rows.map((r) => r.id));
  return rows.map((row) => toTableInfo(row, details.get(row.id)!));
}

export function toTableInfo(row: SecurableRow, detail: TableDetailRow): TableInfo {
  const [catalog, schema] = row.fullName.split(".");
  return {
    name: row.name,
    catalog_name: catalog!,
    schema_name: schema!,
    full_name: row.fullName,
    table_type: detail.tableType,
    data_source_format: detail.dataSourceFormat,
    columns: detail.columns,
    storage_location: row.storageLocation,
    comment: row.comment,
    properties: row.properties,
    owner: row.ownerName,
    created_at: row.createdAt,
    created_by: row.createdBy,
    updated_at: row.updatedAt,
    updated_by: row.updatedBy,
    table_id: row.id,
    view_definition: detail.viewDefinition,
    view_dependencies: detail.viewDependencies ?? null,
    row_filter: detail.rowFilter ?? null,
  };
}

/**
 * A table's securable row and details in one query: `GET /tables/{full_name}` is the hottest
 * read, so it pays one round trip instead of two.
 */
const tableWithDetails = preparedQuery((db) =>
  db
    .select({ row: securableColumns, detail: tableDetails })
    .from(securables)
    .innerJoin(tableDetails, eq(tableDetails.securableId, securables.id))
    .leftJoin(principals, eq(principals.id, securables.ownerId))
    .where(and(eq(securables.type, "table"), eq(securables.fullName, sql.placeholder("fullName"))))
    .limit(1)
    .prepare("lakeward_table_with_details"),
);

export async function findTableWithDetails(db: Db, fullName: string): Promise<{ row: SecurableRow; detail: TableDetailRow } | undefined> {
  const [found] = await tableWithDetails(db).execute({ fullName });
  return found ? { row: found.row as SecurableRow, detail: found.detail } : undefined;
}
