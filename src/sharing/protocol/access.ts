import { and, asc, eq } from "drizzle-orm";
import type { Services } from "../../services";
import { LakewardError } from "../../errors";
import { securables, shareRecipientGrants } from "../../../schema/index";
import { findPrincipalById } from "../../auth/principals";
import type { RecipientCaller } from "../recipients/authenticate";
import { assertShareableTable } from "../shares/sources";
import { missing, unsupported } from "./errors";
import { sharedTablesOf, type SharedTable } from "./shared-tables";

/** A share granted to the calling recipient. */
export interface GrantedShare {
  id: string;
  name: string;
  ownerId: string;
}

/** Shares granted to the recipient, by name. */
export async function grantedShares(services: Services, recipient: RecipientCaller): Promise<GrantedShare[]> {
  return services.db
    .select({ id: securables.id, name: securables.name, ownerId: securables.ownerId })
    .from(shareRecipientGrants)
    .innerJoin(securables, eq(securables.id, shareRecipientGrants.shareId))
    .where(eq(shareRecipientGrants.recipientId, recipient.id))
    .orderBy(asc(securables.name));
}

/**
 * A share by name, if granted to the recipient. A share that exists but is not granted answers
 * exactly like a missing one (digest B.3: do not leak existence); the audit row knows which.
 */
export async function grantedShare(services: Services, recipient: RecipientCaller, name: string): Promise<GrantedShare> {
  const wanted = name.toLowerCase();
  const [row] = await services.db
    .select({ id: securables.id, name: securables.name, ownerId: securables.ownerId, granted: shareRecipientGrants.recipientId })
    .from(securables)
    .leftJoin(shareRecipientGrants, and(eq(shareRecipientGrants.shareId, securables.id), eq(shareRecipientGrants.recipientId, recipient.id)))
    .where(and(eq(securables.type, "share"), eq(securables.fullName, wanted)))
    .limit(1);
  if (!row || !row.granted) throw missing(`Share '${name}' does not exist.`, row !== undefined);
  return { id: row.id, name: row.name, ownerId: row.ownerId };
}

/** A table of a granted share by its shared schema and name (case-insensitive). */
export async function sharedTable(services: Services, share: GrantedShare, schema: string, table: string): Promise<SharedTable> {
  const all = await sharedTablesOf(services.db, share.id);
  const found = all.find((t) => t.schema === schema.toLowerCase() && t.name === table.toLowerCase());
  if (!found) throw missing(`Table '${share.name}.${schema}.${table}' does not exist.`);
  return found;
}

/**
 * What must still hold when data is served, checked on every request (issue 8 §7): the table
 * is a Delta table without row filters or masks, and the share's owner still holds SELECT on
 * it — Databricks stops serving an asset whose sharer lost that privilege.
 */
export async function assertServable(services: Services, share: GrantedShare, table: SharedTable): Promise<string> {
  if (table.type === "VIEW") throw unsupported(`${table.schema}.${table.name} is a view; this server cannot serve views over Delta Sharing yet.`);
  try {
    assertShareableTable(table.node, table.detail);
  } catch (err) {
    if (err instanceof LakewardError && err.code === "FAILED_PRECONDITION") {
      throw new LakewardError("PERMISSION_DENIED", `Table '${share.name}.${table.schema}.${table.name}' cannot be served: the provider added row-level or column-level rules to it after sharing it.`);
    }
    throw unsupported(`Table '${share.name}.${table.schema}.${table.name}' is not a Delta table.`);
  }
  if (!table.location) throw unsupported(`Table '${share.name}.${table.schema}.${table.name}' has no storage location.`);
  const owner = await findPrincipalById(services.db, share.ownerId);
  const closure = owner ? await services.authz.cache.closure(owner.id, owner.kind) : undefined;
  const verdict = owner && closure ? await services.authz.check({ id: owner.id, name: owner.name, closure }, "table.select", table.node) : { allowed: false };
  if (!verdict.allowed) {
    throw new LakewardError("PERMISSION_DENIED", `Table '${share.name}.${table.schema}.${table.name}' is not available: the share's owner no longer holds SELECT on it.`);
  }
  return table.location;
}
