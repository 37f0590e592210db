import { admin, has, hasAny, owns, reachCatalog, reachSchema, type Rule } from "./rules";
import type { SecurableType } from "./securables";

/**
 * Every operation of the API and what it requires, in one table (issue 4 §3). Rules are checked
 * against the securable the operation acts on; `create*` operations act on the container.
 *
 * Conventions, from Databricks semantics (uc-semantics §2):
 * - metastore admins and owners of a containing catalog/schema see and manage everything
 *   below, but read data only with the data privilege;
 * - MANAGE lets its holder grant, transfer ownership, rename and drop, without data access;
 * - owners hold every privilege on what they own, but ownership does not flow down.
 */
const objectInSchema = {
  read: [[admin], [owns("catalog")], [has("BROWSE", "catalog")], [...reachCatalog, owns("schema")], [...reachSchema, hasAny()]],
  manage: [[admin], [owns("catalog")], [...reachCatalog, owns("schema")], [...reachSchema, owns()], [...reachSchema, has("MANAGE")]],
} satisfies Record<string, Rule>;

const topLevel = {
  read: [[admin], [owns()], [hasAny()]],
  manage: [[admin], [owns()], [has("MANAGE")]],
} satisfies Record<string, Rule>;

export const OPERATIONS = {
  // Every authenticated principal may see the metastore itself (uc-oss §2.9).
  "metastore.read": [[]],
  "metastore.manage": [[admin]],
  "metastore.createCatalog": [[admin], [has("CREATE CATALOG", "metastore")]],
  "metastore.createStorageCredential": [[admin], [has("CREATE STORAGE CREDENTIAL", "metastore")]],
  "metastore.createExternalLocation": [[admin], [has("CREATE EXTERNAL LOCATION", "metastore")]],
  "metastore.createShare": [[admin], [has("CREATE SHARE", "metastore")]],
  "metastore.createRecipient": [[admin], [has("CREATE RECIPIENT", "metastore")]],

  "catalog.read": [[admin], [owns()], [has("BROWSE")], [has("USE CATALOG")]],
  "catalog.manage": [[admin], [owns()], [has("USE CATALOG"), has("MANAGE")]],
  "catalog.createSchema": [[has("USE CATALOG"), has("CREATE SCHEMA")]],

  "schema.read": [[admin], [owns("catalog")], [has("BROWSE", "catalog")], [...reachCatalog, owns()], [...reachSchema]],
  "schema.manage": [[admin], [owns("catalog")], [...reachCatalog, owns()], [...reachSchema, has("MANAGE")]],
  "schema.createTable": [[...reachSchema, has("CREATE TABLE")]],
  "schema.createVolume": [[...reachSchema, has("CREATE VOLUME")]],
  "schema.createFunction": [[...reachSchema, has("CREATE FUNCTION")]],
  "schema.createModel": [[...reachSchema, has("CREATE MODEL")]],

  "table.read": objectInSchema.read,
  "table.manage": objectInSchema.manage,
  "table.select": [[...reachSchema, has("SELECT")]],
  "table.modify": [[...reachSchema, has("MODIFY")]],
  "table.selectModify": [[...reachSchema, has("SELECT"), has("MODIFY")]],

  "volume.read": objectInSchema.read,
  "volume.manage": objectInSchema.manage,
  "volume.readData": [[...reachSchema, has("READ VOLUME")]],
  "volume.writeData": [[...reachSchema, has("READ VOLUME"), has("WRITE VOLUME")]],

  "function.read": objectInSchema.read,
  "function.manage": objectInSchema.manage,
  "function.execute": [[...reachSchema, has("EXECUTE")]],

  "registered_model.read": objectInSchema.read,
  "registered_model.manage": objectInSchema.manage,
  "registered_model.execute": [[...reachSchema, has("EXECUTE")]],

  "external_location.read": [...topLevel.read, [has("BROWSE")]],
  "external_location.manage": topLevel.manage,
  "external_location.readFiles": [[has("READ FILES")]],
  "external_location.writeFiles": [[has("READ FILES"), has("WRITE FILES")]],
  "external_location.createExternalTable": [[has("CREATE EXTERNAL TABLE")]],
  "external_location.createExternalVolume": [[has("CREATE EXTERNAL VOLUME")]],
  "external_location.createManagedStorage": [[has("CREATE MANAGED STORAGE")]],

  "credential.read": topLevel.read,
  "credential.manage": topLevel.manage,
  "credential.createExternalLocation": [[has("CREATE EXTERNAL LOCATION")]],

  "share.read": [[admin], [owns()], [has("USE SHARE", "metastore")]],
  "share.manage": [[admin], [owns()], [has("MANAGE")]],
  "share.setPermission": [[admin], [owns()], [has("SET SHARE PERMISSION", "metastore")]],

  "recipient.read": [[admin], [owns()], [has("USE RECIPIENT", "metastore")]],
  "recipient.manage": [[admin], [owns()], [has("MANAGE")]],
  "recipient.use": [[admin], [owns()], [has("USE RECIPIENT", "metastore")]],

  "connection.read": topLevel.read,
  "connection.manage": topLevel.manage,
} as const satisfies Record<string, Rule>;

export type Operation = keyof typeof OPERATIONS;

/** The operation that decides whether a securable of `type` is visible at all. */
export function readOperation(type: SecurableType): Operation {
  return `${type}.read` as Operation;
}

/** The operation that decides who may grant on, transfer, rename or drop a securable. */
export function manageOperation(type: SecurableType): Operation {
  return `${type}.manage` as Operation;
}
