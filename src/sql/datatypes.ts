import { formatIdentifier } from "./names";
import type { DataType, IntervalUnit, PrimitiveTypeName } from "./nodes/datatype";

/** Type keywords (upper case) and the canonical name each stands for; aliases included. */
export const PRIMITIVE_TYPES: Readonly<Record<string, PrimitiveTypeName>> = {
  BOOLEAN: "boolean",
  TINYINT: "tinyint",
  BYTE: "tinyint",
  SMALLINT: "smallint",
  SHORT: "smallint",
  INT: "int",
  INTEGER: "int",
  BIGINT: "bigint",
  LONG: "bigint",
  FLOAT: "float",
  REAL: "float",
  DOUBLE: "double",
  DECIMAL: "decimal",
  DEC: "decimal",
  NUMERIC: "decimal",
  STRING: "string",
  VARCHAR: "varchar",
  CHAR: "char",
  CHARACTER: "char",
  BINARY: "binary",
  DATE: "date",
  TIMESTAMP: "timestamp",
  TIMESTAMP_LTZ: "timestamp",
  TIMESTAMP_NTZ: "timestamp_ntz",
  VOID: "void",
  VARIANT: "variant",
};

/** Interval fields in order; a `from TO to` range must stay within one group. */
export const INTERVAL_GROUPS: readonly (readonly IntervalUnit[])[] = [
  ["year", "month"],
  ["day", "hour", "minute", "second"],
];

/** Whether `INTERVAL from TO to` is a valid range (to is a finer field of the same group). */
export function isIntervalRange(from: IntervalUnit, to: IntervalUnit): boolean {
  return INTERVAL_GROUPS.some((g) => g.includes(from) && g.indexOf(to) > g.indexOf(from));
}

/** A type node without `typeText` and `span`, which the parser adds once the type is read. */
export type DataTypeShape = WithoutDerived<DataType>;
type WithoutDerived<T> = T extends unknown ? Omit<T, "typeText" | "span"> : never;

/**
 * Spark's canonical lower-case text for a type: no spaces inside `<>` or `()`,
 * `name:type` for struct fields (comments and NOT NULL left out, as Spark's catalog form does).
 */
export function renderTypeText(t: DataTypeShape | DataType): string {
  switch (t.kind) {
    case "primitive":
      return t.params.length ? `${t.name}(${t.params.join(",")})` : t.name;
    case "array":
      return `array<${t.element.typeText}>`;
    case "map":
      return `map<${t.key.typeText},${t.value.typeText}>`;
    case "struct":
      return `struct<${t.fields.map((f) => `${formatIdentifier(f.name)}:${f.type.typeText}`).join(",")}>`;
    case "interval":
      return t.to ? `interval ${t.from} to ${t.to}` : `interval ${t.from}`;
  }
}
