import type { SecurableType } from "../../authz/securables";
import type { Securable } from "../ast";
import { qualify, type Session } from "./session";

const TYPE_OF: Record<Exclude<Securable["type"], "metastore">, SecurableType> = {
  catalog: "catalog",
  schema: "schema",
  table: "table",
  view: "table",
  materialized_view: "table",
  volume: "volume",
  function: "function",
  model: "registered_model",
  external_location: "external_location",
  storage_credential: "credential",
  connection: "connection",
  share: "share",
  recipient: "recipient",
};

const PARTS: Partial<Record<SecurableType, 1 | 2 | 3>> = { schema: 2, table: 3, volume: 3, function: 3, registered_model: 3 };

/** The catalog's securable type and qualified full name of a securable written in SQL. */
export function resolveSqlSecurable(session: Session, securable: Securable): { type: SecurableType; fullName: string } {
  if (securable.type === "metastore") return { type: "metastore", fullName: "metastore" };
  const type = TYPE_OF[securable.type];
  return { type, fullName: qualify(session, securable.name, PARTS[type] ?? 1) };
}

/** Databricks' ObjectType column in SHOW GRANTS. */
export function objectTypeLabel(type: string): string {
  return type === "credential" ? "STORAGE CREDENTIAL" : type.replace(/_/g, " ").toUpperCase();
}
