import type { ErrorCode } from "../errors";
import type { SecurableType } from "../authz/securables";

/**
 * What differs between the namespace's object kinds, so get/list/update/delete are written
 * once (securable-verbs.ts). Action names are Unity Catalog's audit names (uc-semantics §7).
 */
export interface Kind {
  type: SecurableType;
  /** Parts of a full name: catalog 1, schema 2, objects 3. */
  parts: 1 | 2 | 3;
  parentType: SecurableType;
  alreadyExists: ErrorCode;
  /** Noun used in audit action names: createCatalog, listSchemas ... */
  noun: string;
}

export const CATALOG: Kind = { type: "catalog", parts: 1, parentType: "metastore", alreadyExists: "CATALOG_ALREADY_EXISTS", noun: "Catalog" };
export const SCHEMA: Kind = { type: "schema", parts: 2, parentType: "catalog", alreadyExists: "SCHEMA_ALREADY_EXISTS", noun: "Schema" };
export const TABLE: Kind = { type: "table", parts: 3, parentType: "schema", alreadyExists: "TABLE_ALREADY_EXISTS", noun: "Table" };
export const VOLUME: Kind = { type: "volume", parts: 3, parentType: "schema", alreadyExists: "RESOURCE_ALREADY_EXISTS", noun: "Volume" };
export const FUNCTION: Kind = { type: "function", parts: 3, parentType: "schema", alreadyExists: "RESOURCE_ALREADY_EXISTS", noun: "Function" };
