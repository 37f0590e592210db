import type { RequestContext } from "../context";
import { audited, auditedRead } from "../audit/audited";
import { invalidArgument } from "../errors";
import { tableDetails, type StoredColumn, type StoredRowFilter } from "../../schema/index";
import { SCHEMA, TABLE } from "./kinds";
import { assertNoDataOverlap, externalStorage } from "./locations";
import { authorizeExternalStorage } from "../credentials/external-storage";
import { findSecurableById, insertSecurable } from "./rows";
import { validateColumns, type ColumnInput } from "./columns";
import { managedLocation } from "./managed-storage";
import { describeExternalDelta, initializeManagedDelta, prepareManagedDelta } from "./delta-tables";
import { findTableWithDetails, toTableInfo, toTableInfos, type TableInfo } from "./table-info";
import { notFound } from "../authz/securables";
import { normalizeName, parseFullName } from "./names";
import { deleteSecurableCommon, listSecurables, resolveVisible, updateSecurableCommon, type CommonUpdate, type ListInput } from "./securable-verbs";
import type { Page } from "./paging";

export const TABLE_TYPES = ["MANAGED", "EXTERNAL", "VIEW", "STREAMING_TABLE", "MATERIALIZED_VIEW", "METRIC_VIEW"] as const;
export const DATA_SOURCE_FORMATS = ["DELTA", "CSV", "JSON", "AVRO", "PARQUET", "ORC", "TEXT"] as const;

export interface CreateTableInput {
  name: string;
  catalog_name: string;
  schema_name: string;
  table_type: (typeof TABLE_TYPES)[number];
  data_source_format?: (typeof DATA_SOURCE_FORMATS)[number] | null;
  columns?: ColumnInput[];
  storage_location?: string | null;
  comment?: string | null;
  properties?: Record<string, string>;
  view_definition?: string | null;
  view_dependencies?: unknown;
  /**
   * Row filter and column masks set at creation (`CREATE TABLE ... MASK m WITH ROW FILTER f`,
   * issue 6); the caller has checked EXECUTE on their functions.
   */
  row_filter?: StoredRowFilter | null;
  column_masks?: Record<string, NonNullable<StoredColumn["mask"]>>;
}

/**
 * Creates a table or view (needs USE CATALOG, USE SCHEMA and CREATE TABLE on the schema).
 * MANAGED tables get a location under managed storage; EXTERNAL ones must name theirs, which
 * may not be a bucket root, may not be under managed storage, and may not overlap another
 * table's or volume's storage.
 */
export async function createTable({ ctx, input }: { ctx: RequestContext; input: CreateTableInput }): Promise<TableInfo> {
  const catalogName = normalizeName("catalog_name", input.catalog_name);
  const schemaName = normalizeName("schema_name", input.schema_name);
  const name = normalizeName("name", input.name);
  const fullName = `${catalogName}.${schemaName}.${name}`;
  const plan = planTable(input);
  const params = { name, catalog_name: catalogName, schema_name: schemaName, table_type: input.table_type, data_source_format: input.data_source_format, storage_location: plan.location };
  return audited(ctx, { name: "createTable", securableType: "table", securableFullName: fullName, params }, async (scope) => {
    const schema = await resolveVisible(ctx, SCHEMA, `${catalogName}.${schemaName}`, "schema_name");
    await ctx.services.authz.authorize(ctx.principal, "schema.createTable", schema);
    // Issue 7: the storage must lie under an external location the caller may create tables in.
    if (plan.location) await authorizeExternalStorage(ctx, plan.location, "table");
    const id = crypto.randomUUID();
    scope.target({ securableId: id });
    const location = input.table_type === "MANAGED" ? await managedLocation(ctx, schema, "tables", id) : plan.location;
    if (input.table_type === "MANAGED") await prepareManagedDelta(ctx, location!);
    let columns = plan.columns;
    let properties = input.properties ?? {};
    if (input.table_type === "EXTERNAL" && plan.format === "DELTA" && columns.length === 0) {
      const fromLog = await describeExternalDelta(ctx, location!);
      columns = fromLog.columns;
      properties = { ...fromLog.properties, ...properties };
    }
    return scope.commit(async (tx) => {
      if (location) await assertNoDataOverlap(tx, location, "storage_location");
      await insertSecurable(
        tx,
        { id, type: "table", parentId: schema.id, name, fullName, ownerId: ctx.principal.id, comment: input.comment, properties, storageLocation: location, createdBy: ctx.principal.name },
        ctx.services.clock.now(),
        TABLE.alreadyExists,
      );
      await tx.insert(tableDetails).values({
        securableId: id,
        tableType: input.table_type,
        dataSourceFormat: plan.format,
        columns: columns.map((c) => ({ ...c, mask: input.column_masks?.[c.name.toLowerCase()] ?? c.mask ?? null })),
        rowFilter: input.row_filter ?? null,
        viewDefinition: input.view_definition ?? null,
        viewDependencies: input.view_dependencies ?? null,
      });
      // Last, so a failed insert leaves no files behind.
      if (input.table_type === "MANAGED") await initializeManagedDelta(ctx, location!, columns, properties);
      return (await toTableInfos(tx, [(await findSecurableById(tx, id))!]))[0]!;
    });
  });
}

/** Checks what can be checked without the database. */
function planTable(input: CreateTableInput) {
  if (input.table_type === "STREAMING_TABLE" || input.table_type === "MATERIALIZED_VIEW" || input.table_type === "METRIC_VIEW") {
    throw invalidArgument(`table_type ${input.table_type} is not supported yet.`, { field: "table_type" });
  }
  const columns = validateColumns(input.columns ?? []);
  if (input.table_type === "VIEW") {
    if (!input.view_definition?.trim()) throw invalidArgument("A VIEW needs a view_definition.", { field: "view_definition" });
    if (input.storage_location) throw invalidArgument("A VIEW has no storage_location.", { field: "storage_location" });
    return { columns, format: null, location: null };
  }
  if (input.view_definition) throw invalidArgument(`view_definition is only allowed for VIEW, not ${input.table_type}.`, { field: "view_definition" });
  const format = input.data_source_format ?? "DELTA";
  if (input.table_type === "MANAGED") {
    if (format !== "DELTA") throw invalidArgument("MANAGED tables must use data_source_format DELTA.", { field: "data_source_format" });
    if (input.storage_location) throw invalidArgument("MANAGED tables get their storage_location from managed storage; do not set one.", { field: "storage_location" });
    return { columns, format, location: null };
  }
  if (!input.storage_location) throw invalidArgument("EXTERNAL tables need a storage_location.", { field: "storage_location" });
  return { columns, format, location: externalStorage(input.storage_location, "tables") };
}

/** GET /tables/{full_name}: one query for row and details, then the visibility check. */
export async function getTable({ ctx, fullName }: { ctx: RequestContext; fullName: string }): Promise<TableInfo> {
  return auditedRead(ctx, { name: "getTable", securableType: "table", securableFullName: fullName }, async (db) => {
    const name = parseFullName("full_name", fullName, 3).join(".");
    const found = await findTableWithDetails(db, name);
    if (!found) throw notFound("table", name);
    await ctx.services.authz.authorize(ctx.principal, "table.read", found.row);
    return toTableInfo(found.row, found.detail);
  });
}

export async function listTables({ ctx, catalogName, schemaName, input }: { ctx: RequestContext; catalogName: string; schemaName: string; input: ListInput }): Promise<Page<TableInfo>> {
  const schemaFullName = `${normalizeName("catalog_name", catalogName)}.${normalizeName("schema_name", schemaName)}`;
  const schema = () => resolveVisible(ctx, SCHEMA, schemaFullName, "schema_name");
  return listSecurables(ctx, TABLE, schemaFullName, schema, input, toTableInfos);
}

/** Databricks' PATCH /tables/{full_name}: comment, owner, properties (and new_name). */
export const updateTable = ({ ctx, fullName, input }: { ctx: RequestContext; fullName: string; input: CommonUpdate }) =>
  updateSecurableCommon(ctx, TABLE, fullName, input, toTableInfos);

export const deleteTable = ({ ctx, fullName }: { ctx: RequestContext; fullName: string }) => deleteSecurableCommon(ctx, TABLE, fullName, true);

