import { invalidArgument } from "../errors";
import type { StoredColumn } from "../../schema/index";
import { parseTypeText } from "../delta/type-text";
import { fieldToJson } from "../delta/schema";

/** Unity Catalog's ColumnTypeName enum (uc-oss §2.3). */
export const COLUMN_TYPE_NAMES = [
  "BOOLEAN", "BYTE", "SHORT", "INT", "LONG", "FLOAT", "DOUBLE", "DATE", "TIMESTAMP", "TIMESTAMP_NTZ", "STRING",
  "BINARY", "DECIMAL", "INTERVAL", "ARRAY", "STRUCT", "MAP", "VARIANT", "CHAR", "NULL", "USER_DEFINED_TYPE", "TABLE_TYPE",
] as const;

export interface ColumnInput {
  name: string;
  type_text: string;
  type_json?: string | null;
  type_name: (typeof COLUMN_TYPE_NAMES)[number];
  type_precision?: number | null;
  type_scale?: number | null;
  type_interval_type?: string | null;
  position?: number | null;
  comment?: string | null;
  nullable?: boolean | null;
  partition_index?: number | null;
}

/** Spark/Delta JSON type names of the primitive UC types, for filling in a missing type_json. */
const PRIMITIVE_JSON: Partial<Record<ColumnInput["type_name"], string>> = {
  BOOLEAN: "boolean", BYTE: "byte", SHORT: "short", INT: "integer", LONG: "long", FLOAT: "float", DOUBLE: "double",
  DATE: "date", TIMESTAMP: "timestamp", TIMESTAMP_NTZ: "timestamp_ntz", STRING: "string", BINARY: "binary", VARIANT: "variant",
};

/**
 * Validates columns as Unity Catalog does at table creation (uc-oss §2.3): unique names,
 * positions 0..n-1, partition indexes 0..k-1, and a type_json that is a StructField agreeing
 * with the column's name and nullability. A missing type_json is derived for primitive types.
 */
export function validateColumns(columns: readonly ColumnInput[]): StoredColumn[] {
  const seen = new Set<string>();
  const stored = columns.map((c, index) => {
    const field = `columns[${index}]`;
    if (!c.name || /[\u0000-\u001f]/.test(c.name)) throw invalidArgument(`Invalid ${field}.name: must be a non-empty name.`, { field: `${field}.name` });
    const key = c.name.toLowerCase();
    if (seen.has(key)) throw invalidArgument(`Duplicate column name '${c.name}'.`, { field: `${field}.name` });
    seen.add(key);
    const nullable = c.nullable ?? true;
    return {
      name: c.name,
      type_text: c.type_text.toLowerCase(),
      type_json: typeJsonFor(c, nullable, field),
      type_name: c.type_name,
      type_precision: c.type_precision ?? null,
      type_scale: c.type_scale ?? null,
      type_interval_type: c.type_interval_type ?? null,
      position: c.position ?? index,
      comment: c.comment ?? null,
      nullable,
      partition_index: c.partition_index ?? null,
    } satisfies StoredColumn;
  });
  assertDense(stored.map((c) => c.position), "position");
  assertDense(stored.flatMap((c) => (c.partition_index === null || c.partition_index === undefined ? [] : [c.partition_index])), "partition_index");
  return stored.sort((a, b) => a.position - b.position);
}

function typeJsonFor(c: ColumnInput, nullable: boolean, field: string): string {
  if (c.type_json === undefined || c.type_json === null || c.type_json === "") {
    const primitive = PRIMITIVE_JSON[c.type_name] ?? (c.type_name === "DECIMAL" ? decimalJson(c) : undefined);
    if (primitive) return JSON.stringify({ name: c.name, type: primitive, nullable, metadata: {} });
    try {
      // Complex types: parse Spark's type text (array<int>, struct<a:int> ...) into the StructField JSON.
      return JSON.stringify(fieldToJson({ name: c.name, type: parseTypeText(c.type_text), nullable, metadata: {} }));
    } catch {
      throw invalidArgument(`Missing ${field}.type_json, and type_text '${c.type_text}' cannot be parsed.`, { field: `${field}.type_json` });
    }
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(c.type_json);
  } catch {
    throw invalidArgument(`Invalid ${field}.type_json: not valid JSON.`, { field: `${field}.type_json` });
  }
  const f = parsed as { name?: unknown; type?: unknown; nullable?: unknown };
  if (typeof f !== "object" || f === null || f.type === undefined) {
    throw invalidArgument(`Invalid ${field}.type_json: expected a StructField {"name","type","nullable","metadata"}.`, { field: `${field}.type_json` });
  }
  if (f.name !== c.name) throw invalidArgument(`Invalid ${field}.type_json: name '${String(f.name)}' differs from column name '${c.name}'.`, { field: `${field}.type_json` });
  if (f.nullable !== undefined && f.nullable !== nullable) {
    throw invalidArgument(`Invalid ${field}.type_json: nullable disagrees with the column's nullable.`, { field: `${field}.type_json` });
  }
  return c.type_json;
}

function decimalJson(c: ColumnInput): string | undefined {
  const m = /^decimal\((\d+),\s*(\d+)\)$/i.exec(c.type_text.trim());
  if (m) return `decimal(${m[1]},${m[2]})`;
  if (c.type_precision != null) return `decimal(${c.type_precision},${c.type_scale ?? 0})`;
  return undefined;
}

function assertDense(values: number[], field: string): void {
  const sorted = [...values].sort((a, b) => a - b);
  sorted.forEach((v, i) => {
    if (v !== i) throw invalidArgument(`Invalid columns: ${field} values must be 0..${values.length - 1} without gaps or repeats.`, { field });
  });
}
