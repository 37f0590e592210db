import type { RequestContext } from "../context";
import { auditedRead } from "../audit/audited";
import { resolveAnySecurable } from "../catalog/any-securable";
import { resolvePrincipal } from "../catalog/securable-verbs";
import { grantsOnSecurables } from "./grant-rows";
import { manageOperation } from "./operations";
import { PRIVILEGES_BY_TYPE } from "./privileges";
import type { SecurableType } from "./securables";

/** Databricks' EffectivePermissionsList. */
export interface EffectivePermissionsList {
  privilege_assignments: {
    principal: string;
    privileges: { privilege: string; inherited_from_type?: string; inherited_from_name?: string }[];
  }[];
}

/**
 * Privileges that hold on a securable, including those inherited from its catalog and schema
 * (metastore grants do not flow down), each with where it was granted. For one `principal`,
 * grants to the groups it belongs to count too. Privileges that do not apply to the type
 * (USE SCHEMA seen from a table) are left out.
 */
export async function getEffectivePermissions({ ctx, type, fullName, principal }: { ctx: RequestContext; type: SecurableType; fullName: string; principal?: string }): Promise<EffectivePermissionsList> {
  return auditedRead(ctx, { name: "getEffectivePermissions", securableType: type, securableFullName: fullName }, async (db) => {
    const row = await resolveAnySecurable(ctx, type, fullName);
    const chain = await ctx.services.authz.cache.chain(row.id);
    const sources = type === "metastore" ? chain.slice(0, 1) : chain.filter((n) => n.type !== "metastore");
    const grants = await grantsOnSecurables(db, sources.map((n) => n.id));
    const managing = (await ctx.services.authz.check(ctx.principal, manageOperation(type), row)).allowed;
    let subjects: Set<string> | undefined;
    let label: string | undefined;
    if (principal !== undefined) {
      const p = await resolvePrincipal(db, principal, "principal");
      subjects = (await ctx.services.authz.cache.closure(p.id, p.kind)).ids as Set<string>;
      label = p.name;
    } else if (!managing) {
      subjects = ctx.principal.closure.ids as Set<string>;
    }
    const applicable = new Set(PRIVILEGES_BY_TYPE[type]);
    const out = new Map<string, EffectivePermissionsList["privilege_assignments"][number]["privileges"]>();
    for (const g of grants) {
      if (subjects && !subjects.has(g.principalId)) continue;
      if (!applicable.has(g.privilege)) continue;
      const source = sources.find((n) => n.id === g.securableId)!;
      const key = label ?? g.principalName;
      const inherited = source.id === row.id ? {} : { inherited_from_type: source.type, inherited_from_name: source.fullName };
      out.set(key, [...(out.get(key) ?? []), { privilege: g.privilege, ...inherited }]);
    }
    return { privilege_assignments: [...out].map(([p, privileges]) => ({ principal: p, privileges })) };
  });
}
