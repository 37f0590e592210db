import type { Identifier, Node, Property, QualifiedName } from "./common";

/** `CREATE CATALOG [IF NOT EXISTS] c [MANAGED LOCATION 'url'] [COMMENT 'x']`. */
export interface CreateCatalog extends Node {
  kind: "CreateCatalog";
  ifNotExists: boolean;
  name: QualifiedName;
  managedLocation?: string;
  comment?: string;
}

/** `CREATE {SCHEMA|DATABASE} [IF NOT EXISTS] [c.]s [MANAGED LOCATION] [COMMENT] [WITH DBPROPERTIES]`. */
export interface CreateSchema extends Node {
  kind: "CreateSchema";
  ifNotExists: boolean;
  name: QualifiedName;
  managedLocation?: string;
  comment?: string;
  properties?: Property[];
}

/** `CASCADE` drops children too; `RESTRICT` (the default) refuses a non-empty object. */
export type DropBehavior = "cascade" | "restrict";

/** `DROP CATALOG [IF EXISTS] c [CASCADE|RESTRICT]`. */
export interface DropCatalog extends Node {
  kind: "DropCatalog";
  ifExists: boolean;
  name: QualifiedName;
  behavior?: DropBehavior;
}

/** `DROP {SCHEMA|DATABASE} [IF EXISTS] s [CASCADE|RESTRICT]`. */
export interface DropSchema extends Node {
  kind: "DropSchema";
  ifExists: boolean;
  name: QualifiedName;
  behavior?: DropBehavior;
}

/** Objects `COMMENT ON` accepts. */
export type CommentTarget = "catalog" | "schema" | "table" | "volume" | "share" | "recipient" | "column";

/**
 * `COMMENT ON <target> name IS 'text' | NULL`. For `COLUMN t.c`, `name` is the table and
 * `column` the last part. `comment` is null for `IS NULL` (remove the comment).
 */
export interface CommentOn extends Node {
  kind: "CommentOn";
  target: CommentTarget;
  name: QualifiedName;
  column?: Identifier;
  comment: string | null;
}

/** `USE CATALOG c`. */
export interface UseCatalog extends Node {
  kind: "UseCatalog";
  name: QualifiedName;
}

/** `USE SCHEMA s`, `USE DATABASE s` or `USE s`; one or two parts. */
export interface UseSchema extends Node {
  kind: "UseSchema";
  name: QualifiedName;
}
