import type { Identifier, Literal, Node, Property, QualifiedName, RawText } from "./common";
import type { DataType } from "./datatype";

/** An argument of `USING COLUMNS (...)`: another column of the table, or a constant. */
export type MaskArgument = (Node & { kind: "column"; name: Identifier }) | Literal;

/** `MASK f [USING COLUMNS (...)]` on a column (uc-semantics §4). */
export interface ColumnMask extends Node {
  function: QualifiedName;
  using: MaskArgument[];
}

/** `ROW FILTER f ON (col, ...)`; the column list may be empty. */
export interface RowFilter extends Node {
  function: QualifiedName;
  columns: Identifier[];
}

/** `name type [NOT NULL] [COMMENT 'x'] [MASK f [USING COLUMNS (...)]]`. */
export interface ColumnDefinition extends Node {
  name: Identifier;
  type: DataType;
  notNull: boolean;
  comment?: string;
  mask?: ColumnMask;
}

/**
 * `CREATE [OR REPLACE] [EXTERNAL] TABLE [IF NOT EXISTS] name [(columns)] [clauses] [AS query]`.
 * `query` is the raw text after `AS` (CTAS).
 */
export interface CreateTable extends Node {
  kind: "CreateTable";
  orReplace: boolean;
  external: boolean;
  ifNotExists: boolean;
  name: QualifiedName;
  columns?: ColumnDefinition[];
  using?: Identifier;
  partitionedBy?: Identifier[];
  location?: string;
  comment?: string;
  properties?: Property[];
  rowFilter?: RowFilter;
  query?: RawText;
}

/** A view column: a name and an optional comment. */
export interface ViewColumn extends Node {
  name: Identifier;
  comment?: string;
}

/** `CREATE [OR REPLACE] VIEW [IF NOT EXISTS] name [(cols)] [COMMENT 'x'] AS query`. */
export interface CreateView extends Node {
  kind: "CreateView";
  orReplace: boolean;
  ifNotExists: boolean;
  name: QualifiedName;
  columns?: ViewColumn[];
  comment?: string;
  query: RawText;
}

/** `CREATE [EXTERNAL] VOLUME [IF NOT EXISTS] c.s.v [LOCATION 'url'] [COMMENT 'x']`. */
export interface CreateVolume extends Node {
  kind: "CreateVolume";
  external: boolean;
  ifNotExists: boolean;
  name: QualifiedName;
  location?: string;
  comment?: string;
}

/** `DROP TABLE [IF EXISTS] t`. */
export interface DropTable extends Node {
  kind: "DropTable";
  ifExists: boolean;
  name: QualifiedName;
}

/** `DROP VIEW [IF EXISTS] v`. */
export interface DropView extends Node {
  kind: "DropView";
  ifExists: boolean;
  name: QualifiedName;
}

/** `DROP VOLUME [IF EXISTS] v`. */
export interface DropVolume extends Node {
  kind: "DropVolume";
  ifExists: boolean;
  name: QualifiedName;
}

/** `ALTER TABLE t SET ROW FILTER f ON (col, ...)`. */
export interface AlterTableSetRowFilter extends Node {
  kind: "AlterTableSetRowFilter";
  table: QualifiedName;
  filter: RowFilter;
}

/** `ALTER TABLE t DROP ROW FILTER`. */
export interface AlterTableDropRowFilter extends Node {
  kind: "AlterTableDropRowFilter";
  table: QualifiedName;
}

/** `ALTER TABLE t SET TBLPROPERTIES ('k' = 'v', ...)`. */
export interface AlterTableSetProperties extends Node {
  kind: "AlterTableSetProperties";
  table: QualifiedName;
  properties: Property[];
}

/** `ALTER TABLE t ALTER COLUMN c SET MASK m [USING COLUMNS (...)]`. */
export interface AlterColumnSetMask extends Node {
  kind: "AlterColumnSetMask";
  table: QualifiedName;
  column: Identifier;
  mask: ColumnMask;
}

/** `ALTER TABLE t ALTER COLUMN c DROP MASK`. */
export interface AlterColumnDropMask extends Node {
  kind: "AlterColumnDropMask";
  table: QualifiedName;
  column: Identifier;
}

/** `ALTER TABLE t ALTER COLUMN c COMMENT 'x'`. */
export interface AlterColumnComment extends Node {
  kind: "AlterColumnComment";
  table: QualifiedName;
  column: Identifier;
  comment: string;
}
