import type { StatementKind } from "../../../src/sql/index";

/** A statement that must parse to `kind` and survive print → parse unchanged. */
export interface ValidCase {
  sql: string;
  kind: StatementKind;
  /** Which documented form the case follows (Databricks SQL reference page, or ours). */
  doc: string;
}

/** A statement that must fail with a SqlSyntaxError at `line`:`column`. */
export interface InvalidCase {
  sql: string;
  doc: string;
  line: number;
  column: number;
  /** The offending token text, or "end of input". */
  found: string;
  /** Items that must appear in the error's `expected` list. */
  expected?: string[];
}
