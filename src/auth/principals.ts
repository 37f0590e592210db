import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../db/types";
import { principals } from "../../schema/index";
import type { PrincipalKind } from "../context";

export type PrincipalRow = typeof principals.$inferSelect;

export interface NewPrincipal {
  kind: PrincipalKind;
  name: string;
  displayName?: string | null;
  externalId?: string | null;
  active?: boolean;
  attributes?: Record<string, unknown>;
}

/** Inserts a principal; the unique index on lower(name) refuses duplicates. */
export async function insertPrincipal(db: Db, input: NewPrincipal, now: number): Promise<PrincipalRow> {
  const [row] = await db
    .insert(principals)
    .values({
      id: crypto.randomUUID(),
      kind: input.kind,
      name: input.name,
      displayName: input.displayName ?? null,
      externalId: input.externalId ?? null,
      active: input.active ?? true,
      attributes: input.attributes ?? {},
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  return row!;
}

/** Finds a principal by its name, case-insensitively, optionally of one kind. */
export async function findPrincipalByName(db: Db, name: string, kind?: PrincipalKind): Promise<PrincipalRow | undefined> {
  const [row] = await db
    .select()
    .from(principals)
    .where(and(sql`lower(${principals.name}) = lower(${name})`, kind ? eq(principals.kind, kind) : undefined))
    .limit(1);
  return row;
}

export async function findPrincipalById(db: Db, id: string): Promise<PrincipalRow | undefined> {
  const [row] = await db.select().from(principals).where(eq(principals.id, id)).limit(1);
  return row;
}
