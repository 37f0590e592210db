import { bigint, index, pgTable, text, uuid } from "drizzle-orm/pg-core";

/**
 * Lineage captured by the query engine for every write (issue 6 §6), shaped after Databricks'
 * `system.access.table_lineage` and `column_lineage` (uc-semantics §6). Names are kept as text
 * as they were when the statement ran (like the system tables), next to the securable ids, so
 * an edge survives its table being renamed or dropped.
 */
// A function, not an object: drizzle column builders belong to the one table that uses them.
const edge = () => ({
  recordId: uuid("record_id").primaryKey(),
  eventTime: bigint("event_time", { mode: "number" }).notNull(),
  /** Statement API id of the statement that wrote (null if it ran elsewhere). */
  statementId: uuid("statement_id"),
  requestId: text("request_id"),
  /** What ran the statement: always QUERY here (Databricks also has NOTEBOOK, JOB, ...). */
  entityType: text("entity_type").notNull(),
  createdBy: text("created_by").notNull(),
  principalId: uuid("principal_id").notNull(),
  sourceTableFullName: text("source_table_full_name").notNull(),
  sourceTableCatalog: text("source_table_catalog").notNull(),
  sourceTableSchema: text("source_table_schema").notNull(),
  sourceTableName: text("source_table_name").notNull(),
  /** TABLE | VIEW. */
  sourceType: text("source_type").notNull(),
  sourceSecurableId: uuid("source_securable_id"),
  targetTableFullName: text("target_table_full_name").notNull(),
  targetTableCatalog: text("target_table_catalog").notNull(),
  targetTableSchema: text("target_table_schema").notNull(),
  targetTableName: text("target_table_name").notNull(),
  targetType: text("target_type").notNull(),
  targetSecurableId: uuid("target_securable_id"),
});

/** One edge per (statement, source table, target table). */
export const tableLineage = pgTable("table_lineage", edge(), (t) => [
  index("table_lineage_source_idx").on(t.sourceTableFullName, t.eventTime),
  index("table_lineage_target_idx").on(t.targetTableFullName, t.eventTime),
]);

/** One edge per (statement, source column, target column). */
export const columnLineage = pgTable(
  "column_lineage",
  { ...edge(), sourceColumnName: text("source_column_name").notNull(), targetColumnName: text("target_column_name").notNull() },
  (t) => [
    index("column_lineage_source_idx").on(t.sourceTableFullName, t.sourceColumnName),
    index("column_lineage_target_idx").on(t.targetTableFullName, t.targetColumnName),
  ],
);
