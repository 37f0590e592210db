import type { PrivilegeName } from "../privileges";

/**
 * Where a node came from. Offsets index the whole script given to the parser (UTF-16 code
 * units, `end` exclusive); `line` and `column` are 1-based and locate `start`.
 */
export interface Span {
  start: number;
  end: number;
  line: number;
  column: number;
}

/** Every AST node carries its span, so executors can point errors at the source. */
export interface Node {
  span: Span;
}

/**
 * A name part as written. Unquoted parts are case-insensitive; quoted (backtick) parts keep
 * their content, but Databricks compares them case-insensitively too: use `normalizeName`.
 */
export interface Identifier extends Node {
  value: string;
  quoted: boolean;
}

/** A dotted name such as `main.sales.orders`, one to three parts depending on the object. */
export interface QualifiedName extends Node {
  parts: Identifier[];
}

/**
 * A grantee or owner. `recipient` is a Delta Sharing recipient (`TO RECIPIENT r`); anything
 * else is a user, service principal or group, told apart at execution time. `quoted` is true
 * for `` `...` `` and '...' spellings; names keep their case.
 */
export interface Principal extends Node {
  type: "principal" | "recipient";
  name: string;
  quoted: boolean;
}

/** Kinds of object that GRANT, SHOW GRANTS, ALTER ... OWNER and COMMENT ON address. */
export type SecurableType =
  | "metastore"
  | "catalog"
  | "schema"
  | "table"
  | "view"
  | "materialized_view"
  | "volume"
  | "function"
  | "model"
  | "external_location"
  | "storage_credential"
  | "connection"
  | "share"
  | "recipient";

/** A securable other than the metastore: it always has a name. */
export interface NamedSecurable extends Node {
  type: Exclude<SecurableType, "metastore">;
  name: QualifiedName;
}

/** The object a privilege or an owner applies to. `DATABASE x` is parsed as a schema. */
export type Securable = (Node & { type: "metastore" }) | NamedSecurable;

/** One privilege in a GRANT / REVOKE list, normalised (`USE CATALOG`). */
export interface PrivilegeRef extends Node {
  name: PrivilegeName;
}

/** A literal value; numbers keep their source text so no precision is lost. */
export type Literal =
  | (Node & { kind: "string"; value: string })
  | (Node & { kind: "number"; value: string })
  | (Node & { kind: "boolean"; value: boolean })
  | (Node & { kind: "null" });

/** `'key' = 'value'` in TBLPROPERTIES, DBPROPERTIES and recipient PROPERTIES. */
export interface Property extends Node {
  key: string;
  /** Stored as text, as Databricks does: `true` and `1` become "true" and "1". */
  value: string;
}

/**
 * Source text we capture without parsing: queries (parsed later by node-sql-parser) and
 * expressions such as function bodies and parameter defaults. `sql` is the exact original
 * text from its first token to its last, so comments around it are not included.
 */
export interface RawText extends Node {
  sql: string;
}
