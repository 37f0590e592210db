import type { DeltaType } from "../delta/schema";
import { parsePartitionValue } from "../delta/partition-values";
import { LakewardError } from "../errors";
import type { ScanColumn, ScanFile, TableScan } from "../engine/port";
import { quoteName, sqlType } from "../engine/types";

/**
 * DuckDB SQL that reads one table scan (issue 6 §1): `read_parquet` over the exact file list,
 * one call per partition (partition values become typed constants, since Delta keeps them in
 * the log, not in the files), physical column names mapped to logical ones, and the rows of a
 * file's deletion vector filtered out by `file_row_number`.
 */
export interface ScanGroup {
  files: ScanFile[];
  /** Name of the temp table holding the deleted row indexes (one file per group then). */
  dvTable?: string;
}

/** Files grouped so that each group shares partition values and has at most one DV. */
export function scanGroups(scan: TableScan): ScanGroup[] {
  const plain = new Map<string, ScanFile[]>();
  const groups: ScanGroup[] = [];
  scan.files.forEach((f, i) => {
    if (f.deletedRows && f.deletedRows.length > 0) {
      groups.push({ files: [f], dvTable: `__lw_dv_${scan.name}_${i}` });
      return;
    }
    const key = JSON.stringify(scan.columns.filter((c) => c.partition).map((c) => f.partitionValues[c.name] ?? null));
    plain.set(key, [...(plain.get(key) ?? []), f]);
  });
  return [...[...plain.values()].map((files) => ({ files })), ...groups];
}

/** Local path of a `file://` URL; other stores are out of this engine's reach. */
export function localPath(url: string): string {
  if (!url.startsWith("file://")) throw new LakewardError("UNIMPLEMENTED", `The DuckDB engine reads file:// tables only, not ${url.split(":")[0]}://.`);
  return url.slice("file://".length);
}

/** `read_parquet([...])` over a group's files. */
export function readParquet(group: ScanGroup): string {
  const paths = group.files.map((f) => literal(localPath(f.url)));
  return `read_parquet([${paths.join(", ")}], union_by_name = true${group.dvTable ? ", file_row_number = true" : ""})`;
}

/** The SELECT for one group, given the physical column names its files actually have. */
export function groupSql(scan: TableScan, group: ScanGroup, present: ReadonlySet<string>): string {
  const first = group.files[0]!;
  const list = scan.columns.map((c) => `${columnExpr(c, first, present)} AS ${quoteName(c.name)}`);
  const dv = group.dvTable ? ` WHERE file_row_number NOT IN (SELECT r FROM ${quoteName(group.dvTable)})` : "";
  return `SELECT ${list.join(", ")} FROM ${readParquet(group)}${dv}`;
}

/** The whole scan: its groups' rows together (an empty, typed relation for an empty table). */
export function scanSql(scan: TableScan, parts: string[]): string {
  if (parts.length > 0) return parts.join(" UNION ALL ");
  return `SELECT ${scan.columns.map((c) => `CAST(NULL AS ${sqlType(c.type)}) AS ${quoteName(c.name)}`).join(", ")} WHERE false`;
}

function columnExpr(c: ScanColumn, file: ScanFile, present: ReadonlySet<string>): string {
  const type = sqlType(c.type);
  if (c.partition) return partitionLiteral(file.partitionValues[c.name] ?? null, c.type, c.name);
  if (!present.has(c.physical)) return `CAST(NULL AS ${type})`;
  return `CAST(${renamed(quoteName(c.physical), c.physicalType, c.type, 1)} AS ${type})`;
}

/** A partition value as a typed constant. */
export function partitionLiteral(raw: string | null, type: DeltaType, column: string): string {
  const t = sqlType(type);
  const value = parsePartitionValue(raw, type, column);
  if (value === null) return `CAST(NULL AS ${t})`;
  if (type.kind === "primitive" && (type.name === "timestamp" || type.name === "timestamp_ntz")) return `CAST(make_timestamp(${BigInt(value as number)}) AS ${t})`;
  if (value instanceof Uint8Array) return `unhex('${[...value].map((b) => b.toString(16).padStart(2, "0")).join("")}')`;
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  return `CAST(${literal(String(raw))} AS ${t})`;
}

/**
 * Under column mapping, nested struct fields carry physical names too; DuckDB casts structs by
 * field name, so they are rebuilt under their logical names.
 */
function renamed(expr: string, physical: DeltaType, logical: DeltaType, depth: number): string {
  if (!needsRename(physical, logical)) return expr;
  const v = `__lw_x${depth}`;
  if (physical.kind === "struct" && logical.kind === "struct") {
    const fields = logical.fields.map((f, i) => `${quoteName(f.name)} := ${renamed(`${expr}.${quoteName(physical.fields[i]!.name)}`, physical.fields[i]!.type, f.type, depth + 1)}`);
    return `CASE WHEN ${expr} IS NULL THEN NULL ELSE struct_pack(${fields.join(", ")}) END`;
  }
  if (physical.kind === "array" && logical.kind === "array") return `list_transform(${expr}, lambda ${v}: ${renamed(v, physical.elementType, logical.elementType, depth + 1)})`;
  if (physical.kind === "map" && logical.kind === "map") {
    const entry = `struct_pack(key := ${renamed(`${v}.key`, physical.keyType, logical.keyType, depth + 1)}, value := ${renamed(`${v}.value`, physical.valueType, logical.valueType, depth + 1)})`;
    return `map_from_entries(list_transform(map_entries(${expr}), lambda ${v}: ${entry}))`;
  }
  return expr;
}

function needsRename(physical: DeltaType, logical: DeltaType): boolean {
  if (physical.kind === "struct" && logical.kind === "struct") return logical.fields.some((f, i) => f.name !== physical.fields[i]?.name || needsRename(physical.fields[i]!.type, f.type));
  if (physical.kind === "array" && logical.kind === "array") return needsRename(physical.elementType, logical.elementType);
  if (physical.kind === "map" && logical.kind === "map") return needsRename(physical.keyType, logical.keyType) || needsRename(physical.valueType, logical.valueType);
  return false;
}

/** A DuckDB string literal (engine-generated text: DuckDB has no backslash escapes here). */
export function literal(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}
