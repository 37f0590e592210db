import type { SecurableType } from "./securables";

/**
 * Privileges that may be granted on each securable type (uc-semantics §2). A privilege granted
 * on a container applies to the matching objects below it, so containers list the object
 * privileges too.
 */
export const PRIVILEGES_BY_TYPE: Record<SecurableType, readonly string[]> = {
  metastore: [
    "CREATE CATALOG", "CREATE CONNECTION", "CREATE EXTERNAL LOCATION", "CREATE STORAGE CREDENTIAL",
    "CREATE SHARE", "CREATE RECIPIENT", "CREATE PROVIDER", "USE SHARE", "USE RECIPIENT", "USE PROVIDER",
    "SET SHARE PERMISSION", "MANAGE ALLOWLIST",
  ],
  catalog: [
    "ALL PRIVILEGES", "BROWSE", "USE CATALOG", "USE SCHEMA", "CREATE SCHEMA", "CREATE TABLE", "CREATE FUNCTION",
    "CREATE VOLUME", "CREATE MODEL", "CREATE MATERIALIZED VIEW", "SELECT", "MODIFY", "EXECUTE", "READ VOLUME",
    "WRITE VOLUME", "REFRESH", "APPLY TAG", "EXTERNAL USE SCHEMA", "MANAGE",
  ],
  schema: [
    "ALL PRIVILEGES", "USE SCHEMA", "CREATE TABLE", "CREATE FUNCTION", "CREATE VOLUME", "CREATE MODEL",
    "CREATE MATERIALIZED VIEW", "SELECT", "MODIFY", "EXECUTE", "READ VOLUME", "WRITE VOLUME", "REFRESH",
    "APPLY TAG", "EXTERNAL USE SCHEMA", "MANAGE",
  ],
  table: ["ALL PRIVILEGES", "SELECT", "MODIFY", "REFRESH", "APPLY TAG", "MANAGE"],
  volume: ["ALL PRIVILEGES", "READ VOLUME", "WRITE VOLUME", "APPLY TAG", "MANAGE"],
  function: ["ALL PRIVILEGES", "EXECUTE", "APPLY TAG", "MANAGE"],
  registered_model: ["ALL PRIVILEGES", "EXECUTE", "APPLY TAG", "MANAGE"],
  external_location: [
    "ALL PRIVILEGES", "BROWSE", "READ FILES", "WRITE FILES", "CREATE EXTERNAL TABLE", "CREATE EXTERNAL VOLUME",
    "CREATE MANAGED STORAGE", "EXTERNAL USE LOCATION", "MANAGE",
  ],
  credential: ["ALL PRIVILEGES", "READ FILES", "WRITE FILES", "CREATE EXTERNAL LOCATION", "CREATE EXTERNAL TABLE", "MANAGE"],
  share: ["SELECT"],
  recipient: ["ALL PRIVILEGES", "MANAGE"],
  connection: ["ALL PRIVILEGES", "USE CONNECTION", "CREATE FOREIGN CATALOG", "MANAGE"],
};

/** The pseudo-privilege that ownership stands for in policy lines. */
export const OWNER = "OWNER";

/** ALL PRIVILEGES expands to everything except these (uc-semantics §2). */
const OUTSIDE_ALL_PRIVILEGES = new Set(["MANAGE", "EXTERNAL USE SCHEMA", "EXTERNAL USE LOCATION"]);

/** Whether holding `held` on a securable satisfies a request for `wanted` there. */
export function implies(held: string, wanted: string): boolean {
  if (held === wanted || held === OWNER) return true;
  return held === "ALL PRIVILEGES" && !OUTSIDE_ALL_PRIVILEGES.has(wanted);
}

/** Whether a grant of `privilege` flows from a container to what it contains. */
export function inherits(privilege: string): boolean {
  return privilege !== OWNER;
}

/** Whether `privilege` may be granted on a securable of `type`. */
export function isGrantable(type: SecurableType, privilege: string): boolean {
  return PRIVILEGES_BY_TYPE[type].includes(privilege);
}
