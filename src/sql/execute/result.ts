/** A column of a statement result, as the Statement Execution API describes it. */
export interface ResultColumn {
  name: string;
  type_name: string;
  type_text: string;
}

/** What one executed statement produced: rows of strings (JSON_ARRAY format) or nothing. */
export interface ResultSet {
  columns: ResultColumn[];
  rows: (string | null)[][];
  /** True when more rows existed than the row limit allowed. */
  truncated?: boolean;
}

/** A result with string columns, for SHOW and DESCRIBE. */
export function stringResult(names: string[], rows: (string | null)[][]): ResultSet {
  return { columns: names.map((name) => ({ name, type_name: "STRING", type_text: "STRING" })), rows };
}

/** Statements that return no rows (GRANT, CREATE ...) answer with an empty result. */
export const EMPTY_RESULT: ResultSet = { columns: [], rows: [] };

/** Databricks SHOW ... LIKE patterns: `*` is any text, `|` separates alternatives, case-insensitive. */
export function likePattern(pattern: string | undefined): (name: string) => boolean {
  if (pattern === undefined) return () => true;
  const alternatives = pattern.split("|").map((p) => p.trim().replace(/[.+?^${}()[\]\\]/g, "\\$&").replace(/\*/g, ".*"));
  const re = new RegExp(`^(?:${alternatives.join("|")})$`, "i");
  return (name) => re.test(name);
}
