import type { Identifier, Node, QualifiedName, RawText } from "./common";

/**
 * A query (`SELECT`, `WITH`, `VALUES`, `FROM`, `TABLE`, `(`): we keep its text for
 * node-sql-parser (DESIGN §6.8) and do not parse it here.
 */
export interface Query extends Node {
  kind: "Query";
  sql: string;
}

/** `INSERT {INTO|OVERWRITE} [TABLE] t [(cols)] query`; `query` is raw VALUES/SELECT text. */
export interface Insert extends Node {
  kind: "Insert";
  overwrite: boolean;
  table: QualifiedName;
  columns?: Identifier[];
  query: RawText;
}

/** `EXPLAIN [EXTENDED|FORMATTED] statement`; the explained query or INSERT stays raw text. */
export interface Explain extends Node {
  kind: "Explain";
  mode?: "extended" | "formatted";
  statement: RawText;
}
