import { groupMembers } from "../../schema/index";
import type { Services } from "../../src/services";
import { recordAuthzChange } from "../../src/authz/changes";

/** Adds members to a group directly in the database (SCIM does this in production). */
export async function addGroupMembers(services: Services, groupId: string, memberIds: string[]): Promise<void> {
  for (const memberId of memberIds) {
    await services.db.insert(groupMembers).values({ groupId, memberId });
    await recordAuthzChange(services.db, { principalId: memberId }, services.clock.now());
  }
  services.authz.cache.markStale();
}
