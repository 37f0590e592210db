import type { DeltaType, PrimitiveTypeName } from "../delta/schema";
import { columnTypeName } from "../delta/catalog-columns";
import { simpleTypeName } from "../delta/type-text";
import type { ResultColumn } from "../sql/execute/result";
import { unsupported } from "./refusals";

/**
 * Types at the engine boundary. The engine speaks Delta's types (the table schema's own), so a
 * scan casts each column to exactly its logical type and a write produces exactly the table's;
 * results are described with Databricks' names (`type_name` LONG, `type_text` BIGINT).
 */
const SQL_TYPES: Record<PrimitiveTypeName, string> = {
  string: "VARCHAR", long: "BIGINT", integer: "INTEGER", short: "SMALLINT", byte: "TINYINT", float: "FLOAT",
  double: "DOUBLE", boolean: "BOOLEAN", binary: "BLOB", date: "DATE", timestamp: "TIMESTAMPTZ",
  timestamp_ntz: "TIMESTAMP", void: "INTEGER", variant: "JSON",
};

/** DuckDB type text for a Delta type (struct fields named as given). */
export function sqlType(type: DeltaType): string {
  switch (type.kind) {
    case "primitive":
      return SQL_TYPES[type.name];
    case "decimal":
      return `DECIMAL(${type.precision},${type.scale})`;
    case "array":
      return `${sqlType(type.elementType)}[]`;
    case "map":
      return `MAP(${sqlType(type.keyType)}, ${sqlType(type.valueType)})`;
    case "struct":
      return `STRUCT(${type.fields.map((f) => `${quoteName(f.name)} ${sqlType(f.type)}`).join(", ")})`;
  }
}

/** Double-quoted name for engine-generated SQL (names come from Delta schemas, not users). */
export function quoteName(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Spark SQL spelling of a type, as the statement API's `type_text` shows it. */
export function sparkTypeText(type: DeltaType): string {
  switch (type.kind) {
    case "primitive":
      return simpleTypeName(type.name).toUpperCase();
    case "decimal":
      return `DECIMAL(${type.precision},${type.scale})`;
    case "array":
      return `ARRAY<${sparkTypeText(type.elementType)}>`;
    case "map":
      return `MAP<${sparkTypeText(type.keyType)}, ${sparkTypeText(type.valueType)}>`;
    case "struct":
      return `STRUCT<${type.fields.map((f) => `${f.name}: ${sparkTypeText(f.type)}`).join(", ")}>`;
  }
}

/** A result column in the statement API's terms. */
export function resultColumn(name: string, type: DeltaType | null): ResultColumn {
  if (type === null) return { name, type_name: "INTERVAL", type_text: "INTERVAL" };
  const typeName = type.kind === "primitive" && type.name === "void" ? "NULL" : columnTypeName(type);
  return { name, type_name: typeName, type_text: sparkTypeText(type) };
}

/** A type that can be stored in a Delta table (intervals and the like cannot). */
export function storableType(name: string, type: DeltaType | null): DeltaType {
  if (type === null) throw unsupported(`Storing column '${name}' (an interval)`);
  if (type.kind === "primitive" && type.name === "void") return { kind: "primitive", name: "string" };
  return type;
}
