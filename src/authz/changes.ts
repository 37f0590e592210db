import type { Db } from "../db/types";
import { authzChanges } from "../../schema/index";

/**
 * Appends to the authorization change feed (schema/grants.ts) in the caller's transaction.
 * A change naming neither a securable nor a principal means "forget everything" (renames).
 */
export async function recordAuthzChange(
  db: Db,
  change: { securableId?: string; principalId?: string },
  now: number,
): Promise<void> {
  await db.insert(authzChanges).values({ securableId: change.securableId ?? null, principalId: change.principalId ?? null, at: now });
}
