import { and, asc, eq, gt, sql } from "drizzle-orm";
import type { Db } from "../db/types";
import { isUniqueViolation } from "../db/rows";
import { principals, securables } from "../../schema/index";
import { recordAuthzChange } from "../authz/changes";
import type { SecurableNode, SecurableType } from "../authz/securables";
import { LakewardError, type ErrorCode } from "../errors";

/** A securable row as verbs use it: the shared columns plus the owner's name. */
export interface SecurableRow extends SecurableNode {
  name: string;
  comment: string | null;
  properties: Record<string, string>;
  storageRoot: string | null;
  storageLocation: string | null;
  createdAt: number;
  createdBy: string;
  updatedAt: number | null;
  updatedBy: string | null;
  ownerName: string;
}

/** Columns of a SecurableRow, for queries that join more (see table-info.ts). */
export const securableColumns = {
  id: securables.id,
  type: securables.type,
  parentId: securables.parentId,
  ownerId: securables.ownerId,
  fullName: securables.fullName,
  name: securables.name,
  comment: securables.comment,
  properties: securables.properties,
  storageRoot: securables.storageRoot,
  storageLocation: securables.storageLocation,
  createdAt: securables.createdAt,
  createdBy: securables.createdBy,
  updatedAt: securables.updatedAt,
  updatedBy: securables.updatedBy,
  ownerName: sql<string>`coalesce(${principals.name}, ${securables.ownerId}::text)`,
};

function select(db: Db) {
  return db.select(securableColumns).from(securables).leftJoin(principals, eq(principals.id, securables.ownerId));
}

/** The securable of `type` named `fullName` (already normalised), if any. */
export async function findSecurable(db: Db, type: SecurableType, fullName: string): Promise<SecurableRow | undefined> {
  const [row] = await select(db).where(and(eq(securables.type, type), eq(securables.fullName, fullName))).limit(1);
  return row as SecurableRow | undefined;
}

export async function findSecurableById(db: Db, id: string): Promise<SecurableRow | undefined> {
  const [row] = await select(db).where(eq(securables.id, id)).limit(1);
  return row as SecurableRow | undefined;
}

/** Children of `parentId` of `type`, by name, strictly after `afterName`. */
export async function listChildren(
  db: Db,
  parentId: string,
  type: SecurableType,
  afterName: string | undefined,
  limit: number,
): Promise<SecurableRow[]> {
  const rows = await select(db)
    .where(and(eq(securables.parentId, parentId), eq(securables.type, type), afterName === undefined ? undefined : gt(securables.name, afterName)))
    .orderBy(asc(securables.name))
    .limit(limit);
  return rows as SecurableRow[];
}

export interface NewSecurable {
  type: SecurableType;
  parentId: string;
  name: string;
  fullName: string;
  ownerId: string;
  comment?: string | null;
  properties?: Record<string, string>;
  storageRoot?: string | null;
  storageLocation?: string | null;
  createdBy: string;
  id?: string;
}

/**
 * Inserts a securable. The unique index on (type, full_name) is what makes concurrent creates
 * of one name safe: the losers get `alreadyExists` and their transaction rolls back.
 */
export async function insertSecurable(db: Db, input: NewSecurable, now: number, alreadyExists: ErrorCode): Promise<string> {
  const id = input.id ?? crypto.randomUUID();
  try {
    // A savepoint keeps the caller's transaction usable for the error path.
    await db.transaction(async (sp) => {
      await sp.insert(securables).values({
        id,
        type: input.type,
        parentId: input.parentId,
        name: input.name,
        fullName: input.fullName,
        ownerId: input.ownerId,
        comment: input.comment ?? null,
        properties: input.properties ?? {},
        storageRoot: input.storageRoot ?? null,
        storageLocation: input.storageLocation ?? null,
        createdAt: now,
        createdBy: input.createdBy,
        updatedAt: now,
        updatedBy: input.createdBy,
      });
    });
  } catch (err) {
    if (isUniqueViolation(err)) {
      throw new LakewardError(alreadyExists, `${labelOf(input.type)} '${input.fullName}' already exists`);
    }
    throw err;
  }
  return id;
}

export interface SecurableChanges {
  comment?: string | null;
  properties?: Record<string, string>;
  ownerId?: string;
  updatedBy: string;
}

/** Applies simple field changes and records an authorization change when the owner moves. */
export async function updateSecurable(db: Db, id: string, changes: SecurableChanges, now: number): Promise<void> {
  await db
    .update(securables)
    .set({ ...changes, updatedAt: now })
    .where(eq(securables.id, id));
  if (changes.ownerId !== undefined) await recordAuthzChange(db, { securableId: id }, now);
}

/**
 * Renames a securable and rewrites the full names of everything below it, then tells every
 * replica to forget its cached tree (a null change row).
 */
export async function renameSecurable(
  db: Db,
  row: SecurableRow,
  newName: string,
  newFullName: string,
  alreadyExists: ErrorCode,
  now: number,
  by: string,
): Promise<void> {
  try {
    await db.transaction(async (sp) => {
      await sp
        .update(securables)
        .set({ name: newName, fullName: newFullName, updatedAt: now, updatedBy: by })
        .where(eq(securables.id, row.id));
      // Only catalogs and schemas contain anything; a top-level securable (a share or a
      // location named "main") must not rename catalog main's schemas.
      if (row.type === "catalog" || row.type === "schema") {
        await sp.execute(sql`update securables
          set full_name = ${newFullName} || substr(full_name, ${row.fullName.length + 1})
          where type in ('schema', 'table', 'volume', 'function', 'registered_model')
            and starts_with(full_name, ${row.fullName + "."})`);
      }
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new LakewardError(alreadyExists, `${labelOf(row.type)} '${newFullName}' already exists`);
    throw err;
  }
  await recordAuthzChange(db, {}, now);
}

/** Deletes a securable; descendants, grants and side rows go with it (ON DELETE CASCADE). */
export async function deleteSecurable(db: Db, id: string, now: number): Promise<void> {
  await db.delete(securables).where(eq(securables.id, id));
  await recordAuthzChange(db, { securableId: id }, now);
}

/** Whether a securable has children (of any type). */
export async function hasChildren(db: Db, id: string): Promise<boolean> {
  const [row] = await db.select({ id: securables.id }).from(securables).where(eq(securables.parentId, id)).limit(1);
  return row !== undefined;
}

function labelOf(type: SecurableType): string {
  const text = type === "credential" ? "storage credential" : type.replace(/_/g, " ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}
