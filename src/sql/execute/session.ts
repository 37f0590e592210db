import { invalidArgument } from "../../errors";
import { normalizeName } from "../names";
import type { QualifiedName } from "../ast";

/** The current catalog and schema of a statement request (USE CATALOG / USE SCHEMA). */
export interface Session {
  catalog?: string;
  schema?: string;
}

/**
 * Completes a name with the session's current catalog and schema, as Databricks does:
 * `orders` → `main.sales.orders` after `USE CATALOG main; USE SCHEMA sales`.
 */
export function qualify(session: Session, name: QualifiedName, parts: 1 | 2 | 3): string {
  const given = normalizeName(name);
  if (given.length > parts) throw invalidArgument(`Name '${given.join(".")}' has too many parts (at most ${parts}).`);
  const missing = parts - given.length;
  const defaults = parts === 3 ? [session.catalog, session.schema] : parts === 2 ? [session.catalog] : [];
  // A two-part `schema.table` is completed with the current catalog, not the current schema.
  const prefix = defaults.slice(0, missing);
  if (prefix.some((p) => p === undefined)) {
    const what = session.catalog === undefined ? "USE CATALOG" : "USE SCHEMA";
    throw invalidArgument(`Name '${given.join(".")}' is not fully qualified and no current ${what === "USE CATALOG" ? "catalog" : "schema"} is set (${what} first).`);
  }
  return [...(prefix as string[]), ...given].join(".");
}
