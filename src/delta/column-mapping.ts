import type { Metadata } from "./actions";
import { DeltaError } from "./errors";
import type { DeltaType, StructField, StructType } from "./schema";

/**
 * Column mapping (PROTOCOL.md "Column Mapping"): with mode `name` or `id`, data files,
 * partitionValues keys and stats use *physical* column names (`col-<uuid>`), recorded in each
 * field's metadata; `id` mode additionally matches parquet columns by field id. Consumers work
 * with logical names, so we translate at this boundary.
 */
export type ColumnMappingMode = "none" | "name" | "id";

const PHYSICAL = "delta.columnMapping.physicalName";
const FIELD_ID = "delta.columnMapping.id";

/** Logical↔physical names of the top-level columns, plus parquet field ids in id mode. */
export interface ColumnMapping {
  mode: ColumnMappingMode;
  logicalToPhysical: ReadonlyMap<string, string>;
  physicalToLogical: ReadonlyMap<string, string>;
  /** Logical name → `delta.columnMapping.id` (present in name and id modes). */
  fieldIds: ReadonlyMap<string, number>;
}

/** The table's column mapping mode (`delta.columnMapping.mode`, default none). */
export function columnMappingMode(metadata: Metadata): ColumnMappingMode {
  const mode = (metadata.configuration["delta.columnMapping.mode"] ?? "none").toLowerCase();
  if (mode === "none" || mode === "name" || mode === "id") return mode;
  throw new DeltaError("DELTA_UNSUPPORTED_FEATURE", `unsupported column mapping mode "${mode}"`);
}

/** Physical name of a field under `mode` (the logical name when mapping is off). */
export function physicalName(field: StructField, mode: ColumnMappingMode): string {
  if (mode === "none") return field.name;
  const name = field.metadata[PHYSICAL];
  if (typeof name !== "string" || name === "") {
    throw new DeltaError("DELTA_LOG_CORRUPT", `column "${field.name}" has no ${PHYSICAL} although column mapping mode is ${mode}`);
  }
  return name;
}

/** Build the top-level name maps for a schema. */
export function columnMappingOf(schema: StructType, mode: ColumnMappingMode): ColumnMapping {
  const logicalToPhysical = new Map<string, string>();
  const physicalToLogical = new Map<string, string>();
  const fieldIds = new Map<string, number>();
  for (const f of schema.fields) {
    const p = physicalName(f, mode);
    logicalToPhysical.set(f.name, p);
    physicalToLogical.set(p, f.name);
    const id = f.metadata[FIELD_ID];
    if (typeof id === "number") fieldIds.set(f.name, id);
  }
  if (mode === "id" && fieldIds.size !== schema.fields.length) {
    throw new DeltaError("DELTA_LOG_CORRUPT", `column mapping mode id requires ${FIELD_ID} on every column`);
  }
  return { mode, logicalToPhysical, physicalToLogical, fieldIds };
}

/**
 * The schema with every (nested) field renamed to its physical name — the schema the data
 * files actually have, e.g. for an engine reading them by name.
 */
export function physicalSchema(schema: StructType, mode: ColumnMappingMode): StructType {
  if (mode === "none") return schema;
  const rename = (t: DeltaType): DeltaType => {
    switch (t.kind) {
      case "struct":
        return { kind: "struct", fields: t.fields.map((f) => ({ ...f, name: physicalName(f, mode), type: rename(f.type) })) };
      case "array":
        return { ...t, elementType: rename(t.elementType) };
      case "map":
        return { ...t, keyType: rename(t.keyType), valueType: rename(t.valueType) };
      default:
        return t;
    }
  };
  return rename(schema) as StructType;
}

/**
 * Re-key a stats object (minValues/maxValues/nullCount, nested like the schema) from physical
 * to logical names. Keys without a matching field are kept as they are.
 */
export function statsKeysToLogical(value: Record<string, unknown>, schema: StructType, mode: ColumnMappingMode): Record<string, unknown> {
  if (mode === "none") return value;
  const out: Record<string, unknown> = {};
  const byPhysical = new Map(schema.fields.map((f) => [physicalName(f, mode), f]));
  for (const [key, v] of Object.entries(value)) {
    const field = byPhysical.get(key);
    if (!field) out[key] = v;
    else if (field.type.kind === "struct" && v && typeof v === "object" && !Array.isArray(v)) {
      out[field.name] = statsKeysToLogical(v as Record<string, unknown>, field.type, mode);
    } else out[field.name] = v;
  }
  return out;
}

/** Inverse of {@link statsKeysToLogical}, for writers. */
export function statsKeysToPhysical(value: Record<string, unknown>, schema: StructType, mode: ColumnMappingMode): Record<string, unknown> {
  if (mode === "none") return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    const field = schema.fields.find((f) => f.name === key);
    if (!field) throw new DeltaError("DELTA_INVALID_ARGUMENT", `stats refer to unknown column "${key}"`);
    const p = physicalName(field, mode);
    out[p] = field.type.kind === "struct" && v && typeof v === "object" && !Array.isArray(v)
      ? statsKeysToPhysical(v as Record<string, unknown>, field.type, mode)
      : v;
  }
  return out;
}
