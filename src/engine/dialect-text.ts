import type { LakewardError } from "../errors";
import type { QueryIdentity } from "./identity";
import { unsupported } from "./refusals";

/**
 * The spellings dialect.ts emits: literals and identifiers that node-sql-parser and DuckDB read
 * the same way, and the Databricks forms that are mapped or refused on the way.
 */

/** Spark type words → DuckDB spellings, applied after `CAST(x AS` and `::`. */
export const TYPE_WORDS: Record<string, string> = {
  STRING: "VARCHAR", LONG: "BIGINT", SHORT: "SMALLINT", BYTE: "TINYINT", BINARY: "BYTEA",
  TIMESTAMP: "TIMESTAMPTZ", TIMESTAMP_LTZ: "TIMESTAMPTZ", TIMESTAMP_NTZ: "TIMESTAMP",
};

/** Characters the parser would misread or that only parameters and DuckDB literals use. */
export const REFUSED_PUNCT: Record<string, () => LakewardError> = {
  ";": () => unsupported("More than one statement in a query"),
  "$": () => unsupported("Parameters and dollar quoting"),
  "?": () => unsupported("Parameters"),
  "\\": () => unsupported("A backslash outside a string"),
  "{": () => unsupported("Struct literals in braces"),
  "}": () => unsupported("Struct literals in braces"),
  "[": () => unsupported("Subscripts with [] (use element_at)"),
  "]": () => unsupported("Subscripts with [] (use element_at)"),
};

/** A SQL string literal DuckDB and node-sql-parser read the same way (no backslashes inside). */
export function sqlString(value: string): string {
  if (value.includes("\0")) throw unsupported("A NUL character in a string");
  const parts = value.split("\\").map((p) => `'${p.replaceAll("'", "''")}'`);
  return parts.length === 1 ? parts[0]! : `(${parts.join(" || chr(92) || ")})`;
}

/** A double-quoted identifier; characters the parser mis-reads are refused rather than escaped. */
export function sqlIdentifier(name: string): string {
  if (name === "" || /["\\\u0000-\u001f]/.test(name)) throw unsupported(`The identifier '${name}'`);
  return `"${name}"`;
}

/** A group-membership test on a computed group name, against the caller's closure. */
export function membershipSql(identity: QueryIdentity, argSql: string): string {
  const groups = [...identity.groups].map(sqlString);
  if (groups.length === 0) return `(CAST((${argSql}) AS VARCHAR) IS NULL AND FALSE)`;
  return `(lower(CAST((${argSql}) AS VARCHAR)) IN (${groups.join(", ")}))`;
}
