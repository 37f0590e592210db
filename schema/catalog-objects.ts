import { boolean, jsonb, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { securables } from "./securables";

/** A column as Unity Catalog's ColumnInfo carries it; kept as JSON on the table row. */
export interface StoredColumn {
  name: string;
  type_text: string;
  type_json: string;
  type_name: string;
  type_precision?: number | null;
  type_scale?: number | null;
  type_interval_type?: string | null;
  position: number;
  comment?: string | null;
  nullable: boolean;
  partition_index?: number | null;
  mask?: { function_name: string; using_column_names: string[] } | null;
}

export interface StoredRowFilter {
  function_name: string;
  input_column_names: string[];
}

/** Table-specific fields (tables and views share the securable type "table"). */
export const tableDetails = pgTable("table_details", {
  securableId: uuid("securable_id").primaryKey().references(() => securables.id, { onDelete: "cascade" }),
  tableType: text("table_type").notNull(),
  dataSourceFormat: text("data_source_format"),
  columns: jsonb("columns").$type<StoredColumn[]>().notNull().default([]),
  viewDefinition: text("view_definition"),
  viewDependencies: jsonb("view_dependencies").$type<unknown>(),
  rowFilter: jsonb("row_filter").$type<StoredRowFilter | null>(),
});

export const volumeDetails = pgTable("volume_details", {
  securableId: uuid("securable_id").primaryKey().references(() => securables.id, { onDelete: "cascade" }),
  volumeType: text("volume_type").notNull(),
});

/** SQL functions: the routine as FunctionInfo describes it. */
export const functionDetails = pgTable("function_details", {
  securableId: uuid("securable_id").primaryKey().references(() => securables.id, { onDelete: "cascade" }),
  inputParams: jsonb("input_params").$type<unknown>().notNull(),
  returnParams: jsonb("return_params").$type<unknown>(),
  dataType: text("data_type").notNull(),
  fullDataType: text("full_data_type").notNull(),
  routineBody: text("routine_body").notNull(),
  routineDefinition: text("routine_definition").notNull(),
  routineDependencies: jsonb("routine_dependencies").$type<unknown>(),
  parameterStyle: text("parameter_style").notNull(),
  isDeterministic: boolean("is_deterministic").notNull(),
  sqlDataAccess: text("sql_data_access").notNull(),
  isNullCall: boolean("is_null_call").notNull(),
  securityType: text("security_type").notNull(),
  specificName: text("specific_name").notNull(),
  externalLanguage: text("external_language"),
  functionProperties: text("function_properties"),
});
