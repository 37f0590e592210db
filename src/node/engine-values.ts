import { DuckDBTypeId, type DuckDBType } from "@duckdb/node-api";
import type { DeltaType, PrimitiveTypeName } from "../delta/schema";

/**
 * DuckDB results in the statement API's terms: column types as Delta types (what a CTAS table
 * gets and what `type_name`/`type_text` are derived from), values as JSON_ARRAY strings.
 */
const PRIMITIVES: Partial<Record<DuckDBTypeId, PrimitiveTypeName>> = {
  [DuckDBTypeId.BOOLEAN]: "boolean", [DuckDBTypeId.TINYINT]: "byte", [DuckDBTypeId.SMALLINT]: "short",
  [DuckDBTypeId.INTEGER]: "integer", [DuckDBTypeId.BIGINT]: "long", [DuckDBTypeId.UTINYINT]: "short",
  [DuckDBTypeId.USMALLINT]: "integer", [DuckDBTypeId.UINTEGER]: "long", [DuckDBTypeId.FLOAT]: "float",
  [DuckDBTypeId.DOUBLE]: "double", [DuckDBTypeId.VARCHAR]: "string", [DuckDBTypeId.UUID]: "string",
  [DuckDBTypeId.ENUM]: "string", [DuckDBTypeId.TIME]: "string", [DuckDBTypeId.BLOB]: "binary",
  [DuckDBTypeId.DATE]: "date", [DuckDBTypeId.TIMESTAMP_TZ]: "timestamp", [DuckDBTypeId.TIMESTAMP]: "timestamp_ntz",
  [DuckDBTypeId.TIMESTAMP_S]: "timestamp_ntz", [DuckDBTypeId.TIMESTAMP_MS]: "timestamp_ntz",
  [DuckDBTypeId.TIMESTAMP_NS]: "timestamp_ntz", [DuckDBTypeId.SQLNULL]: "void",
};

/** The Delta type of a DuckDB column, or null when Delta has none (intervals, unions ...). */
export function deltaTypeOf(t: DuckDBType): DeltaType | null {
  const primitive = PRIMITIVES[t.typeId];
  if (primitive) return { kind: "primitive", name: primitive };
  switch (t.typeId) {
    case DuckDBTypeId.DECIMAL:
      return { kind: "decimal", precision: t.width, scale: t.scale };
    case DuckDBTypeId.HUGEINT:
    case DuckDBTypeId.UHUGEINT:
      return { kind: "decimal", precision: 38, scale: 0 };
    case DuckDBTypeId.UBIGINT:
      return { kind: "decimal", precision: 20, scale: 0 };
    case DuckDBTypeId.LIST:
    case DuckDBTypeId.ARRAY:
      return wrap(deltaTypeOf(t.valueType), (e) => ({ kind: "array", elementType: e, containsNull: true }));
    case DuckDBTypeId.MAP: {
      const k = deltaTypeOf(t.keyType);
      return k && wrap(deltaTypeOf(t.valueType), (v) => ({ kind: "map", keyType: k, valueType: v, valueContainsNull: true }));
    }
    case DuckDBTypeId.STRUCT: {
      const fields = t.entryTypes.map((e, i) => ({ name: t.entryNames[i]!, type: deltaTypeOf(e), nullable: true, metadata: {} }));
      if (fields.some((f) => f.type === null)) return null;
      return { kind: "struct", fields: fields as { name: string; type: DeltaType; nullable: boolean; metadata: Record<string, unknown> }[] };
    }
    default:
      return null;
  }
}

function wrap(inner: DeltaType | null, make: (t: DeltaType) => DeltaType): DeltaType | null {
  return inner === null ? null : make(inner);
}

/**
 * One value as the statement API shows it: numbers and text as they are, booleans as
 * true/false, timestamps in ISO 8601 (UTC with Z), binary in base64, nested values as JSON.
 */
export function renderValue(value: unknown, raw: unknown, t: DuckDBType): string | null {
  if (value === null || value === undefined) return null;
  switch (t.typeId) {
    case DuckDBTypeId.BLOB:
      return Buffer.from((raw as { bytes: Uint8Array }).bytes).toString("base64");
    case DuckDBTypeId.TIMESTAMP_TZ:
      return String(value).replace(" ", "T").replace(/\+00(:00)?$/, "Z");
    case DuckDBTypeId.TIMESTAMP:
    case DuckDBTypeId.TIMESTAMP_S:
    case DuckDBTypeId.TIMESTAMP_MS:
    case DuckDBTypeId.TIMESTAMP_NS:
      return String(value).replace(" ", "T");
    case DuckDBTypeId.LIST:
    case DuckDBTypeId.ARRAY:
    case DuckDBTypeId.STRUCT:
    case DuckDBTypeId.MAP:
    case DuckDBTypeId.INTERVAL:
    case DuckDBTypeId.UNION:
      return JSON.stringify(nested(value, t));
    default:
      return typeof value === "object" ? JSON.stringify(value) : String(value);
  }
}

/** DuckDB's JSON form of a map is a list of {key, value}; JSON clients expect an object. */
function nested(value: unknown, t: DuckDBType): unknown {
  if (value === null || value === undefined) return null;
  switch (t.typeId) {
    case DuckDBTypeId.MAP:
      return Object.fromEntries((value as { key: unknown; value: unknown }[]).map((e) => [String(e.key), nested(e.value, t.valueType)]));
    case DuckDBTypeId.LIST:
    case DuckDBTypeId.ARRAY:
      return (value as unknown[]).map((v) => nested(v, t.valueType));
    case DuckDBTypeId.STRUCT:
      return Object.fromEntries(t.entryNames.map((n, i) => [n, nested((value as Record<string, unknown>)[n], t.entryTypes[i]!)]));
    default:
      return value;
  }
}
