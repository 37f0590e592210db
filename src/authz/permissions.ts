import type { RequestContext } from "../context";
import { audited, auditedRead } from "../audit/audited";
import { invalidArgument } from "../errors";
import { resolveAnySecurable } from "../catalog/any-securable";
import { resolvePrincipal } from "../catalog/securable-verbs";
import { addGrants, grantsOnSecurables, removeGrants } from "./grant-rows";
import { manageOperation } from "./operations";
import { PRIVILEGES_BY_TYPE, isGrantable } from "./privileges";
import type { SecurableType } from "./securables";

/** PermissionsList (uc-oss §2.8). */
export interface PermissionsList {
  privilege_assignments: { principal: string; privileges: string[] }[];
}

export interface PermissionsChange {
  principal: string;
  add?: string[];
  remove?: string[];
}

/**
 * Grants on a securable. Those who may manage it see every assignment; others see only their
 * own, as in Unity Catalog OSS. `principal` narrows the answer to one grantee.
 */
export async function getPermissions({ ctx, type, fullName, principal }: { ctx: RequestContext; type: SecurableType; fullName: string; principal?: string }): Promise<PermissionsList> {
  return auditedRead(ctx, { name: "getPermissions", securableType: type, securableFullName: fullName }, async (db) => {
    const row = await resolveAnySecurable(ctx, type, fullName);
    const managing = (await ctx.services.authz.check(ctx.principal, manageOperation(type), row)).allowed;
    const rows = (await grantsOnSecurables(db, [row.id])).filter(
      (g) => (managing || ctx.principal.closure.ids.has(g.principalId)) && (principal === undefined || g.principalName.toLowerCase() === principal.toLowerCase()),
    );
    return { privilege_assignments: groupByPrincipal(rows.map((g) => ({ principal: g.principalName, privilege: g.privilege }))) };
  });
}

/**
 * Adds and removes grants (PATCH /permissions). Needs the manage right on the securable (owner,
 * MANAGE, a containing owner or a metastore admin); every privilege must apply to the type.
 * All changes commit together with their audit row. Answers with the assignments of the
 * principals named in `changes`, like Unity Catalog OSS.
 */
export async function updatePermissions({ ctx, type, fullName, changes }: { ctx: RequestContext; type: SecurableType; fullName: string; changes: PermissionsChange[] }): Promise<PermissionsList> {
  const normalized = changes.map((change, i) => ({
    principal: change.principal,
    add: normalizePrivileges(type, change.add ?? [], `changes[${i}].add`),
    remove: normalizePrivileges(type, change.remove ?? [], `changes[${i}].remove`),
  }));
  return audited(ctx, { name: "updatePermissions", securableType: type, securableFullName: fullName, params: { changes: normalized } }, async (scope) => {
    const row = await resolveAnySecurable(ctx, type, fullName);
    scope.target({ securableId: row.id, securableFullName: row.fullName });
    await ctx.services.authz.authorize(ctx.principal, manageOperation(type), row);
    const resolved = await Promise.all(normalized.map(async (c, i) => ({ ...c, grantee: await resolvePrincipal(ctx.services.db, c.principal, `changes[${i}].principal`) })));
    const now = ctx.services.clock.now();
    return scope.commit(async (tx) => {
      for (const change of resolved) {
        await removeGrants(tx, row.id, change.grantee.id, change.remove, now);
        await addGrants(tx, row.id, change.grantee.id, change.add, ctx.principal.name, now);
      }
      const named = new Set(resolved.map((c) => c.grantee.id));
      const rows = (await grantsOnSecurables(tx, [row.id])).filter((g) => named.has(g.principalId));
      const assignments = groupByPrincipal(rows.map((g) => ({ principal: g.principalName, privilege: g.privilege })));
      for (const c of resolved) {
        if (!assignments.some((a) => a.principal === c.grantee.name)) assignments.push({ principal: c.grantee.name, privileges: [] });
      }
      return { privilege_assignments: assignments };
    });
  });
}

/** Upper-cases, single-spaces and checks privileges against what the type accepts. */
export function normalizePrivileges(type: SecurableType, privileges: readonly string[], field: string): string[] {
  return [...new Set(privileges.map((p) => p.trim().replace(/[\s_]+/g, " ").toUpperCase()))].map((p) => {
    if (!isGrantable(type, p)) {
      throw invalidArgument(`Privilege ${p} is not valid on a ${type.replace(/_/g, " ")}; valid: ${PRIVILEGES_BY_TYPE[type].join(", ")}.`, { field });
    }
    return p;
  });
}

function groupByPrincipal(rows: { principal: string; privilege: string }[]): PermissionsList["privilege_assignments"] {
  const byPrincipal = new Map<string, string[]>();
  for (const r of rows) byPrincipal.set(r.principal, [...(byPrincipal.get(r.principal) ?? []), r.privilege]);
  return [...byPrincipal].map(([principal, privileges]) => ({ principal, privileges: privileges.sort() }));
}
