import { DeltaError } from "./errors";

/**
 * Typed view of `metaData.schemaString` (PROTOCOL.md "Schema Serialization Format").
 * parseSchema and schemaToJson round-trip: the JSON we write is the JSON Spark writes.
 */
export type PrimitiveTypeName =
  | "string" | "long" | "integer" | "short" | "byte" | "float" | "double" | "boolean"
  | "binary" | "date" | "timestamp" | "timestamp_ntz" | "void" | "variant";

export type DeltaType =
  | { kind: "primitive"; name: PrimitiveTypeName }
  | { kind: "decimal"; precision: number; scale: number }
  | { kind: "array"; elementType: DeltaType; containsNull: boolean }
  | { kind: "map"; keyType: DeltaType; valueType: DeltaType; valueContainsNull: boolean }
  | StructType;

export interface StructType {
  kind: "struct";
  fields: StructField[];
}

export interface StructField {
  name: string;
  type: DeltaType;
  nullable: boolean;
  metadata: Record<string, unknown>;
}

const PRIMITIVES = new Set<string>([
  "string", "long", "integer", "short", "byte", "float", "double", "boolean",
  "binary", "date", "timestamp", "timestamp_ntz", "void", "variant",
]);
const DECIMAL = /^decimal\(\s*(\d+)\s*,\s*(-?\d+)\s*\)$/;

/**
 * Parse a schemaString into a {@link StructType}.
 * @throws DeltaError DELTA_LOG_CORRUPT when the JSON is not a valid Delta schema
 */
export function parseSchema(schemaString: string): StructType {
  let json: unknown;
  try {
    json = JSON.parse(schemaString);
  } catch (err) {
    throw new DeltaError("DELTA_LOG_CORRUPT", `metaData.schemaString is not JSON: ${String(err)}`, { cause: err });
  }
  const type = parseType(json, "schema");
  if (type.kind !== "struct") throw new DeltaError("DELTA_LOG_CORRUPT", "schema root must be a struct");
  return type;
}

/** Parse one type node (a name string or a nested object). */
export function parseType(json: unknown, where: string): DeltaType {
  if (typeof json === "string") {
    if (PRIMITIVES.has(json)) return { kind: "primitive", name: json as PrimitiveTypeName };
    // Spark reads a bare "decimal" as decimal(10,0).
    if (json === "decimal") return { kind: "decimal", precision: 10, scale: 0 };
    const m = DECIMAL.exec(json);
    if (m) return { kind: "decimal", precision: Number(m[1]), scale: Number(m[2]) };
    throw bad(where, `unknown type "${json}"`);
  }
  if (!json || typeof json !== "object") throw bad(where, "type must be a string or an object");
  const o = json as Record<string, unknown>;
  switch (o.type) {
    case "struct": {
      if (!Array.isArray(o.fields)) throw bad(where, "struct without fields");
      return { kind: "struct", fields: o.fields.map((f, i) => parseField(f, `${where}.fields[${i}]`)) };
    }
    case "array":
      return {
        kind: "array",
        elementType: parseType(o.elementType, `${where}.elementType`),
        containsNull: o.containsNull !== false,
      };
    case "map":
      return {
        kind: "map",
        keyType: parseType(o.keyType, `${where}.keyType`),
        valueType: parseType(o.valueType, `${where}.valueType`),
        valueContainsNull: o.valueContainsNull !== false,
      };
    default:
      throw bad(where, `unknown complex type ${JSON.stringify(o.type)}`);
  }
}

function parseField(json: unknown, where: string): StructField {
  if (!json || typeof json !== "object") throw bad(where, "field must be an object");
  const f = json as Record<string, unknown>;
  if (typeof f.name !== "string") throw bad(where, "field without a name");
  return {
    name: f.name,
    type: parseType(f.type, `${where}(${f.name})`),
    nullable: f.nullable !== false,
    metadata: f.metadata && typeof f.metadata === "object" ? (f.metadata as Record<string, unknown>) : {},
  };
}

function bad(where: string, what: string): DeltaError {
  return new DeltaError("DELTA_LOG_CORRUPT", `invalid schema at ${where}: ${what}`);
}

/** The JSON value of a type, as Spark serialises it. */
export function typeToJson(type: DeltaType): unknown {
  switch (type.kind) {
    case "primitive":
      return type.name;
    case "decimal":
      return `decimal(${type.precision},${type.scale})`;
    case "array":
      return { type: "array", elementType: typeToJson(type.elementType), containsNull: type.containsNull };
    case "map":
      return {
        type: "map",
        keyType: typeToJson(type.keyType),
        valueType: typeToJson(type.valueType),
        valueContainsNull: type.valueContainsNull,
      };
    case "struct":
      return { type: "struct", fields: type.fields.map(fieldToJson) };
  }
}

/** The JSON value of a field: `{name, type, nullable, metadata}`. */
export function fieldToJson(field: StructField): unknown {
  return { name: field.name, type: typeToJson(field.type), nullable: field.nullable, metadata: field.metadata };
}

/** Serialise a schema to a schemaString. */
export function schemaToJson(schema: StructType): string {
  return JSON.stringify(typeToJson(schema));
}

/** Find a top-level field by name, case-insensitively like Spark (names are unique that way). */
export function findField(schema: StructType, name: string): StructField | undefined {
  const lower = name.toLowerCase();
  return schema.fields.find((f) => f.name === name) ?? schema.fields.find((f) => f.name.toLowerCase() === lower);
}
