/**
 * Every privilege name the GRANT / REVOKE grammar accepts, upper-case with single spaces.
 *
 * The list is uc-semantics §2 plus names Databricks documents elsewhere: ALL PRIVILEGES,
 * MANAGE, BROWSE, EXTERNAL USE SCHEMA / LOCATION, CREATE SERVICE CREDENTIAL, the connection
 * privileges (USE CONNECTION, CREATE FOREIGN CATALOG) and the legacy Hive metastore names
 * ACCESS and USAGE. Whether a privilege applies to a given securable is decided when the
 * statement runs (that error must name both), not by the parser.
 */
export const PRIVILEGES = [
  "ALL PRIVILEGES",
  // metastore
  "CREATE CATALOG",
  "CREATE CONNECTION",
  "CREATE EXTERNAL LOCATION",
  "CREATE STORAGE CREDENTIAL",
  "CREATE SERVICE CREDENTIAL",
  "CREATE SHARE",
  "CREATE RECIPIENT",
  "CREATE PROVIDER",
  "USE SHARE",
  "USE RECIPIENT",
  "USE PROVIDER",
  "SET SHARE PERMISSION",
  "MANAGE ALLOWLIST",
  // catalog and schema
  "BROWSE",
  "USE CATALOG",
  "USE SCHEMA",
  "CREATE SCHEMA",
  "CREATE TABLE",
  "CREATE FUNCTION",
  "CREATE VOLUME",
  "CREATE MODEL",
  "CREATE MATERIALIZED VIEW",
  "EXTERNAL USE SCHEMA",
  // data objects
  "SELECT",
  "MODIFY",
  "EXECUTE",
  "READ VOLUME",
  "WRITE VOLUME",
  "REFRESH",
  "APPLY TAG",
  "MANAGE",
  // external locations and storage credentials
  "READ FILES",
  "WRITE FILES",
  "CREATE EXTERNAL TABLE",
  "CREATE EXTERNAL VOLUME",
  "CREATE MANAGED STORAGE",
  "EXTERNAL USE LOCATION",
  // connections
  "USE CONNECTION",
  "CREATE FOREIGN CATALOG",
  // legacy Hive metastore table ACLs
  "ACCESS",
  "USAGE",
] as const;

/** A privilege name from {@link PRIVILEGES}. */
export type PrivilegeName = (typeof PRIVILEGES)[number];

const KNOWN: ReadonlySet<string> = new Set(PRIVILEGES);

/** Whether `name` (already normalised: upper case, single spaces) is a known privilege. */
export function isPrivilege(name: string): name is PrivilegeName {
  return KNOWN.has(name);
}

/** Upper-cases and collapses whitespace: `"use   catalog"` → `"USE CATALOG"`. */
export function normalizePrivilege(text: string): string {
  return text.trim().split(/\s+/).join(" ").toUpperCase();
}
