import { and, eq, inArray, ne, sql } from "drizzle-orm";
import type { Db } from "../db/types";
import type { Services } from "../services";
import { groupMembers, principals } from "../../schema/index";
import { isUniqueViolation } from "../db/rows";
import { ACCOUNT_USERS } from "../authz/cache";
import { findPrincipalByName, insertPrincipal, type PrincipalRow } from "./principals";
import { addGroupMembers, removeGroupMembers } from "./memberships";
import { auditSignIn, type RequestMeta } from "./sign-in-audit";
import type { OidcIdentity } from "./oidc";

/**
 * The active Lakeward user an identity provider's token names, or undefined. With
 * `jitUsers` an unknown user is created on the spot; with `syncGroups` the user's direct
 * groups are made to follow the token's groups claim. Both are off by default (issue 3 §1).
 */
export async function userForIdentity(services: Services, identity: OidcIdentity, meta: RequestMeta): Promise<PrincipalRow | undefined> {
  const { identity: config } = services.config;
  let user = await findPrincipalByName(services.db, identity.userName, "user");
  if (!user && config.jitUsers) user = await createJitUser(services, identity, meta);
  if (!user || !user.active) return undefined;
  if (config.syncGroups && identity.groups) await syncGroups(services, user, identity.groups, meta);
  return user;
}

async function createJitUser(services: Services, identity: OidcIdentity, meta: RequestMeta): Promise<PrincipalRow | undefined> {
  const now = services.clock.now();
  const email = identity.userName.includes("@") ? identity.userName : undefined;
  try {
    return await services.db.transaction(async (txn) => {
      const tx = txn as unknown as Db;
      const attributes = email ? { emails: [{ value: email, primary: true, type: "work" }] } : {};
      const row = await insertPrincipal(tx, { kind: "user", name: identity.userName, displayName: identity.displayName ?? null, attributes }, now);
      await auditSignIn(tx, services, meta, {
        action: "createUser",
        principal: { id: row.id, name: row.name },
        outcome: "success",
        params: { via: "oidc-jit", issuer: identity.issuer },
      });
      return row;
    });
  } catch (err) {
    // Another request (or replica) created the same user first: use that one.
    if (isUniqueViolation(err)) return findPrincipalByName(services.db, identity.userName, "user");
    throw err;
  }
}

/**
 * Sets the user's direct group memberships to the groups named in the claim that exist here
 * (groups are never created from a claim; `account users` is never touched). Reads only,
 * unless something differs.
 */
async function syncGroups(services: Services, user: PrincipalRow, claimed: readonly string[], meta: RequestMeta): Promise<void> {
  const lowered = [...new Set(claimed.map((g) => g.toLowerCase()))].filter((g) => g !== ACCOUNT_USERS);
  const wanted = lowered.length === 0 ? [] : await services.db
    .select({ id: principals.id })
    .from(principals)
    .where(and(eq(principals.kind, "group"), inArray(sql`lower(${principals.name})`, lowered)));
  const current = await services.db
    .select({ id: groupMembers.groupId })
    .from(groupMembers)
    .innerJoin(principals, eq(principals.id, groupMembers.groupId))
    .where(and(eq(groupMembers.memberId, user.id), ne(principals.name, ACCOUNT_USERS)));
  const toAdd = wanted.map((w) => w.id).filter((id) => !current.some((c) => c.id === id));
  const toRemove = current.map((c) => c.id).filter((id) => !wanted.some((w) => w.id === id));
  if (toAdd.length === 0 && toRemove.length === 0) return;
  const now = services.clock.now();
  await services.db.transaction(async (txn) => {
    const tx = txn as unknown as Db;
    for (const groupId of toAdd) await addGroupMembers(tx, groupId, [user.id], now);
    for (const groupId of toRemove) await removeGroupMembers(tx, groupId, [user.id], now);
    await auditSignIn(tx, services, meta, {
      action: "syncGroupMembership",
      principal: { id: user.id, name: user.name },
      outcome: "success",
      params: { added: toAdd, removed: toRemove },
    });
  });
  services.authz.cache.markStale();
}
