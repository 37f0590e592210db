import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "../db/types";
import { grants, principals } from "../../schema/index";
import { recordAuthzChange } from "./changes";

export interface GrantRow {
  securableId: string;
  principalId: string;
  principalName: string;
  privilege: string;
}

/** Grants on the given securables, with principal names, ordered for stable output. */
export async function grantsOnSecurables(db: Db, securableIds: readonly string[]): Promise<GrantRow[]> {
  if (securableIds.length === 0) return [];
  const rows = await db
    .select({ securableId: grants.securableId, principalId: grants.principalId, principalName: principals.name, privilege: grants.privilege })
    .from(grants)
    .innerJoin(principals, eq(principals.id, grants.principalId))
    .where(inArray(grants.securableId, [...securableIds]))
    .orderBy(principals.name, grants.privilege);
  return rows;
}

/** Adds grants (idempotent) in the caller's transaction and announces the change. */
export async function addGrants(db: Db, securableId: string, principalId: string, privileges: readonly string[], by: string, now: number): Promise<void> {
  if (privileges.length === 0) return;
  await db
    .insert(grants)
    .values(privileges.map((privilege) => ({ securableId, principalId, privilege, createdAt: now, createdBy: by })))
    .onConflictDoNothing();
  await recordAuthzChange(db, { securableId }, now);
}

/** Removes grants (absent ones are ignored) in the caller's transaction. */
export async function removeGrants(db: Db, securableId: string, principalId: string, privileges: readonly string[], now: number): Promise<void> {
  if (privileges.length === 0) return;
  await db
    .delete(grants)
    .where(and(eq(grants.securableId, securableId), eq(grants.principalId, principalId), inArray(grants.privilege, [...privileges])));
  await recordAuthzChange(db, { securableId }, now);
}
