import type { RequestContext } from "../context";
import { invalidArgument } from "../errors";
import { SECURABLE_TYPES, notFound, type SecurableType } from "../authz/securables";
import { readOperation } from "../authz/operations";
import { normalizeName, parseFullName } from "./names";
import { findSecurable, findSecurableById, type SecurableRow } from "./rows";

/** Parts of the full name of each securable type. */
const NAME_PARTS: Partial<Record<SecurableType, number>> = { catalog: 1, schema: 2, table: 3, volume: 3, function: 3, registered_model: 3 };

/** Path segments clients use for securable types, mapped to ours (Databricks spells some longer). */
const ALIASES: Record<string, SecurableType> = { storage_credential: "credential", external_location: "external_location" };

/** The securable type named in a request (lowercase, as the permissions API spells it). */
export function parseSecurableType(raw: string, field = "securable_type"): SecurableType {
  const lower = raw.toLowerCase();
  const type = (ALIASES[lower] ?? lower) as SecurableType;
  if (!SECURABLE_TYPES.includes(type)) {
    throw invalidArgument(`Invalid ${field} '${raw}': expected one of ${SECURABLE_TYPES.join(", ")}.`, { field });
  }
  return type;
}

/** Normalises the full name of a securable of `type` (the metastore's name is ignored). */
export function normalizeFullName(type: SecurableType, fullName: string, field = "full_name"): string {
  if (type === "metastore") return "metastore";
  return parseFullName(field, fullName, NAME_PARTS[type] ?? 1).join(".");
}

/**
 * Any securable by type and full name, visible to the caller (a hidden one answers like a
 * missing one). For the metastore the name is ignored.
 */
export async function resolveAnySecurable(ctx: RequestContext, type: SecurableType, fullName: string, field = "full_name"): Promise<SecurableRow> {
  const row =
    type === "metastore"
      ? await findSecurableById(ctx.services.db, ctx.services.metastoreId)
      : await findSecurable(ctx.services.db, type, normalizeFullName(type, fullName, field));
  if (!row) throw notFound(type, type === "metastore" ? "metastore" : fullName.toLowerCase());
  await ctx.services.authz.authorize(ctx.principal, readOperation(type), row);
  return row;
}

export { normalizeName };
