import type { DeltaType } from "../delta/schema";
import { quoteName, sqlType } from "./types";

/**
 * The policy view of a table (issue 6 §4–5): what every query sees in place of the table.
 * Masked columns are replaced by their mask's result under the column's own name, and the row
 * filter becomes the WHERE clause, so a row the filter rejects (false or NULL) never leaves the
 * view and every later reference — WHERE, JOIN, GROUP BY, ORDER BY — sees only masked values.
 */
export interface PolicyCall {
  /** Engine macro of the filter or mask function. */
  macro: string;
  /** Declared parameter types, to cast the arguments to. */
  params: DeltaType[];
  /** Table columns passed as arguments, in order. */
  columns: string[];
}

export interface PolicyViewSpec {
  scan: string;
  columns: { name: string; type: DeltaType }[];
  /** Mask per column name (lower case); the masked column is the mask's first argument. */
  masks: ReadonlyMap<string, PolicyCall>;
  filter?: PolicyCall;
}

/** The SELECT that defines a policy view over its scan. */
export function policyViewSql(spec: PolicyViewSpec): string {
  const list = spec.columns.map((c) => {
    const mask = spec.masks.get(c.name.toLowerCase());
    if (!mask) return quoteName(c.name);
    return `CAST(${call(mask)} AS ${sqlType(c.type)}) AS ${quoteName(c.name)}`;
  });
  const where = spec.filter ? ` WHERE CAST(${call(spec.filter)} AS BOOLEAN)` : "";
  return `SELECT ${list.join(", ")} FROM ${quoteName(spec.scan)}${where}`;
}

function call(c: PolicyCall): string {
  const args = c.columns.map((col, i) => {
    const type = c.params[i];
    return type ? `CAST(${quoteName(col)} AS ${sqlType(type)})` : quoteName(col);
  });
  return `${c.macro}(${args.join(", ")})`;
}
