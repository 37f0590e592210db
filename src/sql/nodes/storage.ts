import type { Node, QualifiedName } from "./common";

/**
 * `CREATE STORAGE CREDENTIAL [IF NOT EXISTS] c WITH (AWS_IAM_ROLE [=] 'arn') [COMMENT 'x']`.
 * Lakeward's own syntax (Databricks creates credentials through the UI and REST only).
 */
export interface CreateStorageCredential extends Node {
  kind: "CreateStorageCredential";
  ifNotExists: boolean;
  name: QualifiedName;
  awsIamRole: string;
  comment?: string;
}

/** `DROP STORAGE CREDENTIAL [IF EXISTS] c [FORCE]`. */
export interface DropStorageCredential extends Node {
  kind: "DropStorageCredential";
  ifExists: boolean;
  name: QualifiedName;
  force: boolean;
}

/** `CREATE EXTERNAL LOCATION [IF NOT EXISTS] l URL 'url' WITH (STORAGE CREDENTIAL c) [COMMENT 'x']`. */
export interface CreateExternalLocation extends Node {
  kind: "CreateExternalLocation";
  ifNotExists: boolean;
  name: QualifiedName;
  url: string;
  credential: QualifiedName;
  comment?: string;
}

/** `ALTER EXTERNAL LOCATION l SET URL 'url' [FORCE]`. */
export interface AlterExternalLocationSetUrl extends Node {
  kind: "AlterExternalLocationSetUrl";
  name: QualifiedName;
  url: string;
  force: boolean;
}

/** `ALTER EXTERNAL LOCATION l SET STORAGE CREDENTIAL c`. */
export interface AlterExternalLocationSetCredential extends Node {
  kind: "AlterExternalLocationSetCredential";
  name: QualifiedName;
  credential: QualifiedName;
}

/** `DROP EXTERNAL LOCATION [IF EXISTS] l [FORCE]`. */
export interface DropExternalLocation extends Node {
  kind: "DropExternalLocation";
  ifExists: boolean;
  name: QualifiedName;
  force: boolean;
}
