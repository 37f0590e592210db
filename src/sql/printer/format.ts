import { formatIdentifier, formatName, needsQuoting, quoteIdentifier } from "../names";
import type { Literal, Principal, Property, Securable } from "../nodes/common";
import type { DataType } from "../nodes/datatype";
import type { PartitionSpec } from "../nodes/sharing";
import type { ColumnMask, MaskArgument, RowFilter } from "../nodes/tables";

export { formatIdentifier as ident, formatName as name };

/** Joins the present parts with single spaces; `undefined`, `false` and "" are skipped. */
export function words(...parts: Array<string | undefined | false>): string {
  return parts.filter((x): x is string => typeof x === "string" && x !== "").join(" ");
}

/** `KEYWORD 'value'` when the value is present, else nothing. */
export function opt(keyword: string, value: string | undefined, render = str): string | undefined {
  return value === undefined ? undefined : `${keyword} ${render(value)}`;
}

const ESCAPES: Record<string, string> = {
  "\\": "\\\\", "'": "\\'", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\0": "\\0", "\b": "\\b",
};

/** A single-quoted string literal using Databricks backslash escapes. */
export function str(value: string): string {
  return `'${value.replace(/[\\'\n\r\t\0\b]/g, (c) => ESCAPES[c]!)}'`;
}

/** `(a, b, c)`. */
export function list(items: string[]): string {
  return `(${items.join(", ")})`;
}

/** A principal; quoted ones always use backticks (the canonical spelling). */
export function principal(p: Principal): string {
  const text = p.quoted || needsQuoting(p.name) ? quoteIdentifier(p.name) : p.name;
  return p.type === "recipient" ? `RECIPIENT ${text}` : text;
}

/** `METASTORE` or `<TYPE KEYWORDS> name`; type names map onto keywords (`external_location`). */
export function securable(s: Securable): string {
  if (s.type === "metastore") return "METASTORE";
  return `${s.type.replace("_", " ").toUpperCase()} ${formatName(s.name)}`;
}

export function literal(l: Literal): string {
  switch (l.kind) {
    case "string":
      return str(l.value);
    case "number":
      return l.value;
    case "boolean":
      return l.value ? "TRUE" : "FALSE";
    case "null":
      return "NULL";
  }
}

/** `('k' = 'v', ...)`. */
export function properties(props: Property[]): string {
  return list(props.map((p) => `${str(p.key)} = ${str(p.value)}`));
}

/** A data type in upper-case SQL, keeping struct field comments and NOT NULL. */
export function dataType(t: DataType): string {
  switch (t.kind) {
    case "primitive":
      return t.params.length ? `${t.name.toUpperCase()}(${t.params.join(", ")})` : t.name.toUpperCase();
    case "array":
      return `ARRAY<${dataType(t.element)}>`;
    case "map":
      return `MAP<${dataType(t.key)}, ${dataType(t.value)}>`;
    case "struct": {
      const fields = t.fields.map((f) =>
        words(`${formatIdentifier(f.name)}:`, dataType(f.type), f.notNull && "NOT NULL", opt("COMMENT", f.comment)),
      );
      return `STRUCT<${fields.join(", ")}>`;
    }
    case "interval":
      return words("INTERVAL", t.from.toUpperCase(), t.to && `TO ${t.to.toUpperCase()}`);
  }
}

/** `f ON (cols)` (after ROW FILTER). */
export function rowFilter(f: RowFilter): string {
  return `${formatName(f.function)} ON ${list(f.columns.map(formatIdentifier))}`;
}

/** `f [USING COLUMNS (...)]` (after MASK). */
export function mask(m: ColumnMask): string {
  const arg = (a: MaskArgument): string => (a.kind === "column" ? formatIdentifier(a.name) : literal(a));
  return words(formatName(m.function), m.using.length > 0 && `USING COLUMNS ${list(m.using.map(arg))}`);
}

/** `(p = v, ...), (...)` after PARTITION. */
export function partitions(specs: PartitionSpec[]): string {
  return specs
    .map((s) =>
      list(
        s.predicates.map((pr) => {
          const value =
            pr.value.kind === "current_recipient" ? `CURRENT_RECIPIENT(${str(pr.value.property)})` : literal(pr.value);
          return `${formatIdentifier(pr.column)} ${pr.op} ${value}`;
        }),
      ),
    )
    .join(", ");
}
