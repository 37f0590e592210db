import { eq } from "drizzle-orm";
import type { Db } from "../db/types";
import { isUniqueViolation } from "../db/rows";
import { LakewardError } from "../errors";
import { securables } from "../../schema/index";
import { recordAuthzChange } from "../authz/changes";

/**
 * Renames a share or recipient. Not catalog/rows.ts renameSecurable: that one also rewrites
 * the full names of schemas and tables under a catalog of the same name, and a share may well
 * be called like a catalog.
 */
export async function renameTopLevel(tx: Db, id: string, kind: "Share" | "Recipient", newName: string, by: string, now: number): Promise<void> {
  try {
    await tx.transaction(async (sp) => {
      await sp.update(securables).set({ name: newName, fullName: newName, updatedAt: now, updatedBy: by }).where(eq(securables.id, id));
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new LakewardError("RESOURCE_ALREADY_EXISTS", `${kind} '${newName}' already exists`);
    throw err;
  }
  await recordAuthzChange(tx, { securableId: id }, now);
}
