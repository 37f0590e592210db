import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../db/types";
import { groupMembers, principals } from "../../schema/index";
import { queryRows } from "../db/rows";
import { recordAuthzChange } from "../authz/changes";
import { invalidArgument } from "../errors";

/** Serialises changes that nest groups, so two concurrent adds cannot close a cycle together. */
const NESTING_LOCK = 7_263_540_004;

/**
 * Adds members to a group in the caller's transaction. A group member that already contains
 * the group (directly or through nesting), or the group itself, is refused: a cycle would make
 * every group on it a member of itself (issue 3 §6). Each change appends to the authz change
 * feed so every replica drops its cached group closures. Returns the ids actually added.
 */
export async function addGroupMembers(tx: Db, groupId: string, memberIds: readonly string[], now: number): Promise<string[]> {
  const wanted = [...new Set(memberIds)];
  if (wanted.length === 0) return [];
  const kinds = await tx.select({ id: principals.id, kind: principals.kind }).from(principals).where(inArray(principals.id, wanted));
  const missing = wanted.filter((id) => !kinds.some((k) => k.id === id));
  if (missing.length > 0) throw invalidArgument(`No principal with id ${missing[0]}.`, { scimType: "invalidValue" });
  const nested = kinds.filter((k) => k.kind === "group").map((k) => k.id);
  if (nested.length > 0) {
    await tx.execute(sql`select pg_advisory_xact_lock(${NESTING_LOCK})`);
    for (const member of nested) {
      if (member === groupId || (await contains(tx, member, groupId))) {
        throw invalidArgument("Adding this group would create a membership cycle.", { scimType: "invalidValue" });
      }
    }
  }
  const existing = await tx
    .select({ id: groupMembers.memberId })
    .from(groupMembers)
    .where(and(eq(groupMembers.groupId, groupId), inArray(groupMembers.memberId, wanted)));
  const added = wanted.filter((id) => !existing.some((e) => e.id === id));
  if (added.length === 0) return [];
  await tx.insert(groupMembers).values(added.map((memberId) => ({ groupId, memberId }))).onConflictDoNothing();
  for (const memberId of added) await recordAuthzChange(tx, { principalId: memberId }, now);
  return added;
}

/** Removes members from a group in the caller's transaction; returns the ids removed. */
export async function removeGroupMembers(tx: Db, groupId: string, memberIds: readonly string[], now: number): Promise<string[]> {
  const wanted = [...new Set(memberIds)];
  if (wanted.length === 0) return [];
  const removed = await tx
    .delete(groupMembers)
    .where(and(eq(groupMembers.groupId, groupId), inArray(groupMembers.memberId, wanted)))
    .returning({ id: groupMembers.memberId });
  for (const { id } of removed) await recordAuthzChange(tx, { principalId: id }, now);
  return removed.map((r) => r.id);
}

/** Whether `target` is a member of `group`, directly or through nested groups. */
async function contains(db: Db, group: string, target: string): Promise<boolean> {
  const rows = await queryRows<{ found: number }>(
    db,
    sql`with recursive below(id) as (
          select member_id from group_members where group_id = ${group}::uuid
          union
          select gm.member_id from group_members gm join below b on gm.group_id = b.id)
        select 1 as found from below where id = ${target}::uuid limit 1`,
  );
  return rows.length > 0;
}

/** Direct members of a group. */
export async function directMembers(db: Db, groupId: string): Promise<{ id: string; name: string; kind: string; displayName: string | null }[]> {
  return db
    .select({ id: principals.id, name: principals.name, kind: principals.kind, displayName: principals.displayName })
    .from(groupMembers)
    .innerJoin(principals, eq(principals.id, groupMembers.memberId))
    .where(eq(groupMembers.groupId, groupId));
}
