import type { Identifier, Literal, Node, Property, QualifiedName } from "./common";

/** `CURRENT_RECIPIENT('prop')`: the value of a recipient property, resolved per recipient. */
export interface CurrentRecipient extends Node {
  kind: "current_recipient";
  property: string;
}

/**
 * One condition of a shared partition: `col = value` or `col LIKE 'pattern'` (LIKE takes a
 * string literal only; Databricks allows it in ALTER SHARE partition specs).
 */
export interface PartitionPredicate extends Node {
  column: Identifier;
  op: "=" | "LIKE";
  value: Literal | CurrentRecipient;
}

/** `(p1 = v1, p2 = v2)`: conditions AND-ed; several specs are OR-ed (uc-semantics §5). */
export interface PartitionSpec extends Node {
  predicates: PartitionPredicate[];
}

/** `CREATE SHARE [IF NOT EXISTS] s [COMMENT 'x']`. */
export interface CreateShare extends Node {
  kind: "CreateShare";
  ifNotExists: boolean;
  name: QualifiedName;
  comment?: string;
}

/** `DROP SHARE [IF EXISTS] s`. */
export interface DropShare extends Node {
  kind: "DropShare";
  ifExists: boolean;
  name: QualifiedName;
}

/**
 * `ALTER SHARE s ADD [TABLE] t [COMMENT 'x'] [PARTITION (...)[, (...)]] [AS a.b]
 * [WITH | WITHOUT HISTORY]`. `history` is absent when neither was written.
 */
export interface AlterShareAddTable extends Node {
  kind: "AlterShareAddTable";
  share: QualifiedName;
  table: QualifiedName;
  comment?: string;
  partitions?: PartitionSpec[];
  alias?: QualifiedName;
  history?: boolean;
}

/** `ALTER SHARE s REMOVE TABLE t`. */
export interface AlterShareRemoveTable extends Node {
  kind: "AlterShareRemoveTable";
  share: QualifiedName;
  table: QualifiedName;
}

/** `ALTER SHARE s ADD SCHEMA c.s [COMMENT 'x']`. */
export interface AlterShareAddSchema extends Node {
  kind: "AlterShareAddSchema";
  share: QualifiedName;
  schema: QualifiedName;
  comment?: string;
}

/** `ALTER SHARE s REMOVE SCHEMA c.s`. */
export interface AlterShareRemoveSchema extends Node {
  kind: "AlterShareRemoveSchema";
  share: QualifiedName;
  schema: QualifiedName;
}

/** `ALTER SHARE s ADD VIEW c.s.v [COMMENT 'x'] [AS a.b]`. */
export interface AlterShareAddView extends Node {
  kind: "AlterShareAddView";
  share: QualifiedName;
  view: QualifiedName;
  comment?: string;
  alias?: QualifiedName;
}

/** `ALTER SHARE s REMOVE VIEW c.s.v`. */
export interface AlterShareRemoveView extends Node {
  kind: "AlterShareRemoveView";
  share: QualifiedName;
  view: QualifiedName;
}

/** `CREATE RECIPIENT [IF NOT EXISTS] r [USING ID 'id'] [COMMENT 'x'] [PROPERTIES (...)]`. */
export interface CreateRecipient extends Node {
  kind: "CreateRecipient";
  ifNotExists: boolean;
  name: QualifiedName;
  /** Databricks-to-Databricks sharing identifier; absent for open (token) sharing. */
  sharingId?: string;
  comment?: string;
  properties?: Property[];
}

/** `ALTER RECIPIENT r SET PROPERTIES ('k' = 'v', ...)`. */
export interface AlterRecipientSetProperties extends Node {
  kind: "AlterRecipientSetProperties";
  name: QualifiedName;
  properties: Property[];
}

/** `ALTER RECIPIENT r UNSET PROPERTIES ('k', ...)`. */
export interface AlterRecipientUnsetProperties extends Node {
  kind: "AlterRecipientUnsetProperties";
  name: QualifiedName;
  keys: string[];
}

/** `DROP RECIPIENT [IF EXISTS] r`. */
export interface DropRecipient extends Node {
  kind: "DropRecipient";
  ifExists: boolean;
  name: QualifiedName;
}
