import { DeltaError } from "./errors";
import { fieldToJson, findField, parseType, type DeltaType, type StructField, type StructType } from "./schema";
import { parseTypeText, typeText } from "./type-text";

/** Unity Catalog's ColumnTypeName enum (UC OpenAPI `ColumnTypeName`). */
export type ColumnTypeName =
  | "BOOLEAN" | "BYTE" | "SHORT" | "INT" | "LONG" | "FLOAT" | "DOUBLE" | "DATE" | "TIMESTAMP" | "TIMESTAMP_NTZ"
  | "STRING" | "BINARY" | "DECIMAL" | "INTERVAL" | "ARRAY" | "STRUCT" | "MAP" | "VARIANT" | "CHAR" | "NULL"
  | "USER_DEFINED_TYPE" | "TABLE_TYPE";

/** Unity Catalog `ColumnInfo` as the tables API returns it. */
export interface ColumnInfo {
  name: string;
  type_text: string;
  /** The Delta StructField JSON of the column, as a string. */
  type_json: string;
  type_name: ColumnTypeName;
  type_precision: number;
  type_scale: number;
  position: number;
  nullable: boolean;
  /** Index in the partition columns, or undefined for a data column. */
  partition_index?: number;
  comment?: string;
}

const TYPE_NAMES: Record<string, ColumnTypeName> = {
  boolean: "BOOLEAN", byte: "BYTE", short: "SHORT", integer: "INT", long: "LONG", float: "FLOAT", double: "DOUBLE",
  date: "DATE", timestamp: "TIMESTAMP", timestamp_ntz: "TIMESTAMP_NTZ", string: "STRING", binary: "BINARY",
  void: "NULL", variant: "VARIANT",
};
/** Spark keeps CHAR/VARCHAR as string plus this metadata key. */
const CHAR_VARCHAR = "__CHAR_VARCHAR_TYPE_STRING";

/** UC type name of a Delta type. */
export function columnTypeName(type: DeltaType): ColumnTypeName {
  switch (type.kind) {
    case "primitive": return TYPE_NAMES[type.name]!;
    case "decimal": return "DECIMAL";
    case "array": return "ARRAY";
    case "map": return "MAP";
    case "struct": return "STRUCT";
  }
}

/**
 * Map a Delta schema and its partition columns to UC ColumnInfo objects (pure).
 * @param schema the table's logical schema
 * @param partitionColumns partition column names, in partition order
 */
export function schemaToColumnInfos(schema: StructType, partitionColumns: readonly string[] = []): ColumnInfo[] {
  return schema.fields.map((field, position) => {
    const charText = typeof field.metadata[CHAR_VARCHAR] === "string" ? (field.metadata[CHAR_VARCHAR] as string) : undefined;
    const partitionIndex = partitionColumns.findIndex((c) => c.toLowerCase() === field.name.toLowerCase());
    const info: ColumnInfo = {
      name: field.name,
      type_text: charText ?? typeText(field.type),
      type_json: JSON.stringify(fieldToJson(field)),
      type_name: charText?.toLowerCase().startsWith("char") ? "CHAR" : columnTypeName(field.type),
      type_precision: field.type.kind === "decimal" ? field.type.precision : 0,
      type_scale: field.type.kind === "decimal" ? field.type.scale : 0,
      position,
      nullable: field.nullable,
    };
    if (partitionIndex >= 0) info.partition_index = partitionIndex;
    if (typeof field.metadata.comment === "string") info.comment = field.metadata.comment;
    return info;
  });
}

/**
 * The reverse: UC columns (for create-table) → Delta schema + partition columns. `type_json`
 * wins when present; otherwise the type comes from `type_text` (or name/precision/scale).
 * @throws DeltaError DELTA_INVALID_ARGUMENT for inconsistent or unparseable columns
 */
export function columnInfosToSchema(columns: readonly Partial<ColumnInfo>[]): { schema: StructType; partitionColumns: string[] } {
  const ordered = [...columns].sort((a, b) => (a.position ?? 0) - (b.position ?? 0));
  const fields: StructField[] = ordered.map((c, i) => {
    if (!c.name) throw new DeltaError("DELTA_INVALID_ARGUMENT", `column at position ${c.position ?? i} has no name`);
    let field: StructField;
    if (c.type_json) {
      let json: Record<string, unknown>;
      try { json = JSON.parse(c.type_json) as Record<string, unknown>; } catch (err) {
        throw new DeltaError("DELTA_INVALID_ARGUMENT", `column ${c.name}: type_json is not JSON`, { cause: err });
      }
      field = { name: c.name, type: parseType(json.type, c.name), nullable: (c.nullable ?? json.nullable) !== false,
        metadata: (json.metadata as Record<string, unknown>) ?? {} };
    } else {
      const text = c.type_text ?? (c.type_name === "DECIMAL" ? `decimal(${c.type_precision ?? 10},${c.type_scale ?? 0})` : c.type_name);
      if (!text) throw new DeltaError("DELTA_INVALID_ARGUMENT", `column ${c.name} has no type`);
      field = { name: c.name, type: parseTypeText(text), nullable: c.nullable !== false, metadata: {} };
      if (/^\s*(var)?char\s*\(/i.test(text)) field.metadata[CHAR_VARCHAR] = text.trim().toLowerCase();
    }
    if (c.comment) field.metadata = { ...field.metadata, comment: c.comment };
    return field;
  });
  const schema: StructType = { kind: "struct", fields };
  const seen = new Set<string>();
  for (const f of fields) {
    if (seen.has(f.name.toLowerCase())) throw new DeltaError("DELTA_INVALID_ARGUMENT", `duplicate column name "${f.name}"`);
    seen.add(f.name.toLowerCase());
  }
  const partitionColumns = ordered
    .filter((c) => c.partition_index !== undefined && c.partition_index !== null)
    .sort((a, b) => a.partition_index! - b.partition_index!)
    .map((c) => findField(schema, c.name!)!.name);
  return { schema, partitionColumns };
}
