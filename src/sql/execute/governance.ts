import { and, eq } from "drizzle-orm";
import type { RequestContext } from "../../context";
import { auditedRead } from "../../audit/audited";
import { updatePermissions } from "../../authz/permissions";
import { grantsOnSecurables } from "../../authz/grant-rows";
import { manageOperation } from "../../authz/operations";
import { PRIVILEGES_BY_TYPE } from "../../authz/privileges";
import type { SecurableNode } from "../../authz/securables";
import { resolveAnySecurable } from "../../catalog/any-securable";
import { resolvePrincipal } from "../../catalog/securable-verbs";
import { transferOwnership } from "../../catalog/ownership";
import { grants, securables } from "../../../schema/index";
import type { AlterOwner, Grant, Revoke, ShowGrants } from "../ast";
import { EMPTY_RESULT, stringResult, type ResultSet } from "./result";
import { objectTypeLabel, resolveSqlSecurable } from "./securables";
import type { Session } from "./session";
import { executeShareGrant, executeShowShareGrants, isShareGrant, isShareShowGrants } from "./sharing-grants";

/** GRANT / REVOKE: one permissions update per securable, all principals together (one transaction). */
export async function executeGrant(ctx: RequestContext, session: Session, stmt: Grant | Revoke): Promise<ResultSet> {
  // Shares are granted to recipients, which are not principals (issue 8 §2).
  if (isShareGrant(stmt)) return executeShareGrant(ctx, session, stmt);
  const { type, fullName } = resolveSqlSecurable(session, stmt.securable);
  const privileges = stmt.privileges.map((p) => p.name);
  const key = stmt.kind === "Grant" ? "add" : "remove";
  await updatePermissions({ ctx, type, fullName, changes: stmt.principals.map((p) => ({ principal: p.name, [key]: privileges })) });
  return EMPTY_RESULT;
}

/** ALTER <securable> name OWNER TO principal. */
export async function executeAlterOwner(ctx: RequestContext, session: Session, stmt: AlterOwner): Promise<ResultSet> {
  const { type, fullName } = resolveSqlSecurable(session, stmt.securable);
  await transferOwnership({ ctx, type, fullName, owner: stmt.owner.name });
  return EMPTY_RESULT;
}

const SHOW_GRANTS_COLUMNS = ["principal", "ActionType", "ObjectType", "ObjectKey"];

/**
 * SHOW GRANTS [principal] ON securable: grants on it and on its containers (inherited) that
 * apply to its type, with where each was made (uc-semantics §2). Managers see all; others see only their own.
 * SHOW GRANTS TO principal: every grant the principal holds directly, on securables the
 * caller may manage (or all of them, for the principal itself).
 */
export async function executeShowGrants(ctx: RequestContext, session: Session, stmt: ShowGrants): Promise<ResultSet> {
  if (isShareShowGrants(stmt)) return executeShowShareGrants(ctx, session, stmt);
  return auditedRead(ctx, { name: "getPermissions" }, async (db) => {
    if (!stmt.securable) {
      const principal = await resolvePrincipal(db, stmt.principal!.name, "principal");
      const rows = await db
        .select({ id: securables.id, type: securables.type, parentId: securables.parentId, ownerId: securables.ownerId, fullName: securables.fullName, privilege: grants.privilege })
        .from(grants)
        .innerJoin(securables, eq(securables.id, grants.securableId))
        .where(and(eq(grants.principalId, principal.id)))
        .orderBy(securables.fullName, grants.privilege);
      const self = principal.id === ctx.principal.id;
      const out: (string | null)[][] = [];
      for (const r of rows) {
        const node = r as unknown as SecurableNode;
        if (!self && !(await ctx.services.authz.check(ctx.principal, manageOperation(node.type), node)).allowed) continue;
        out.push([principal.name, r.privilege, objectTypeLabel(r.type), r.fullName]);
      }
      return stringResult(SHOW_GRANTS_COLUMNS, out);
    }
    const { type, fullName } = resolveSqlSecurable(session, stmt.securable);
    const row = await resolveAnySecurable(ctx, type, fullName);
    const chain = await ctx.services.authz.cache.chain(row.id);
    const sources = type === "metastore" ? chain.slice(0, 1) : chain.filter((n) => n.type !== "metastore");
    const managing = (await ctx.services.authz.check(ctx.principal, manageOperation(type), row)).allowed;
    const only = stmt.principal ? (await resolvePrincipal(db, stmt.principal.name, "principal")).id : undefined;
    // Inherited grants count only where they apply to this type (USE CATALOG is not a table privilege).
    const applicable = new Set(PRIVILEGES_BY_TYPE[type]);
    const rows = (await grantsOnSecurables(db, sources.map((n) => n.id))).filter(
      (g) => (managing || ctx.principal.closure.ids.has(g.principalId)) && (only === undefined || g.principalId === only) && applicable.has(g.privilege),
    );
    const byId = new Map(sources.map((n) => [n.id, n]));
    return stringResult(
      SHOW_GRANTS_COLUMNS,
      rows.map((g) => {
        const source = byId.get(g.securableId)!;
        return [g.principalName, g.privilege, objectTypeLabel(source.type), source.fullName];
      }),
    );
  });
}
