import { eq } from "drizzle-orm";
import type { Db } from "../../db/types";
import { grants, groupMembers, principals } from "../../../schema/index";
import { isUniqueViolation } from "../../db/rows";
import { recordAuthzChange } from "../../authz/changes";
import type { PrincipalKind } from "../../context";
import { insertPrincipal, type PrincipalRow } from "../principals";
import { addGroupMembers, removeGroupMembers } from "../memberships";
import type { DesiredPrincipal } from "./desired";
import { scimConflict } from "./errors";

const taken = (name: string) => scimConflict(`The name '${name}' is already used by a user, group or service principal.`);

/** Inserts a principal from a SCIM body (and a group's members), in the caller's transaction. */
export async function insertScimPrincipal(tx: Db, kind: PrincipalKind, desired: DesiredPrincipal, now: number): Promise<PrincipalRow> {
  let row: PrincipalRow;
  try {
    row = await insertPrincipal(tx, { kind, ...desired }, now);
  } catch (err) {
    if (isUniqueViolation(err)) throw taken(desired.name);
    throw err;
  }
  if (desired.memberIds) await addGroupMembers(tx, row.id, desired.memberIds, now);
  return row;
}

export interface MembershipChange {
  added: string[];
  removed: string[];
}

/**
 * Makes a stored principal what `desired` says, in the caller's transaction. A rename changes
 * what is_member() sees, so it is fed to the authz change feed like membership is.
 */
export async function updateScimPrincipal(tx: Db, row: PrincipalRow, desired: DesiredPrincipal, now: number): Promise<{ row: PrincipalRow; members: MembershipChange }> {
  let updated: PrincipalRow;
  try {
    [updated] = (await tx
      .update(principals)
      .set({ name: desired.name, displayName: desired.displayName, externalId: desired.externalId, active: desired.active, attributes: desired.attributes, updatedAt: Math.max(now, row.updatedAt + 1) })
      .where(eq(principals.id, row.id))
      .returning()) as [PrincipalRow];
  } catch (err) {
    if (isUniqueViolation(err)) throw taken(desired.name);
    throw err;
  }
  if (updated.name !== row.name || updated.active !== row.active) await recordAuthzChange(tx, { principalId: row.id }, now);
  const members: MembershipChange = { added: [], removed: [] };
  if (desired.memberIds) {
    const current = await tx.select({ id: groupMembers.memberId }).from(groupMembers).where(eq(groupMembers.groupId, row.id));
    const currentIds = current.map((r) => r.id);
    const wanted = new Set(desired.memberIds);
    members.removed = await removeGroupMembers(tx, row.id, currentIds.filter((id) => !wanted.has(id)), now);
    members.added = await addGroupMembers(tx, row.id, desired.memberIds.filter((id) => !currentIds.includes(id)), now);
  }
  return { row: updated, members };
}

/**
 * Deletes a principal: memberships and tokens go with it (foreign keys), its grants are
 * removed, and every replica is told to forget closures and the affected grants.
 */
export async function deleteScimPrincipal(tx: Db, row: PrincipalRow, now: number): Promise<void> {
  const dropped = await tx.delete(grants).where(eq(grants.principalId, row.id)).returning({ securableId: grants.securableId });
  for (const securableId of new Set(dropped.map((d) => d.securableId))) await recordAuthzChange(tx, { securableId }, now);
  await tx.delete(principals).where(eq(principals.id, row.id));
  await recordAuthzChange(tx, { principalId: row.id }, now);
}
