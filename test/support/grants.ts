import { and, eq } from "drizzle-orm";
import { grants, securables } from "../../schema/index";
import type { Services } from "../../src/services";
import { recordAuthzChange } from "../../src/authz/changes";

/** Grants directly in the database, for tests of rules that do not go through GRANT itself. */
export async function grantDirect(services: Services, type: string, fullName: string, principalId: string, privilege: string): Promise<void> {
  const [row] = await services.db.select({ id: securables.id }).from(securables).where(and(eq(securables.type, type), eq(securables.fullName, fullName)));
  if (!row) throw new Error(`no ${type} ${fullName}`);
  const now = services.clock.now();
  await services.db.insert(grants).values({ securableId: row.id, principalId, privilege, createdAt: now, createdBy: "test" });
  await recordAuthzChange(services.db, { securableId: row.id }, now);
  services.authz.cache.markStale();
}
