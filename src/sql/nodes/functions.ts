import type { Identifier, Node, QualifiedName, RawText } from "./common";
import type { DataType } from "./datatype";

/** `name TYPE [DEFAULT expr] [COMMENT 'x']`; `default` is raw expression text. */
export interface FunctionParameter extends Node {
  name: Identifier;
  type: DataType;
  default?: RawText;
  comment?: string;
}

/** Whether the body reads tables (`READS SQL DATA`) or not (`CONTAINS SQL`). */
export type SqlDataAccess = "contains_sql" | "reads_sql_data";

/**
 * `CREATE [OR REPLACE] [TEMPORARY] FUNCTION [IF NOT EXISTS] name (params) RETURNS type
 * [characteristics] RETURN body`. Characteristics may come in any order; `body` is the raw
 * expression or query after RETURN (row filters and masks are such functions, uc-semantics §4).
 */
export interface CreateFunction extends Node {
  kind: "CreateFunction";
  orReplace: boolean;
  temporary: boolean;
  ifNotExists: boolean;
  name: QualifiedName;
  parameters: FunctionParameter[];
  returns: DataType;
  /** Only SQL functions are supported, so this is "sql" when `LANGUAGE SQL` was written. */
  language?: "sql";
  deterministic?: boolean;
  comment?: string;
  dataAccess?: SqlDataAccess;
  body: RawText;
}

/** `DROP FUNCTION [IF EXISTS] f`. */
export interface DropFunction extends Node {
  kind: "DropFunction";
  ifExists: boolean;
  name: QualifiedName;
}
