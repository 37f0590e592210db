import type { RequestContext } from "../../context";
import { audited, auditedRead } from "../../audit/audited";
import { invalidArgument } from "../../errors";
import { resolveVisible } from "../../catalog/securable-verbs";
import type { SecurableRow } from "../../catalog/rows";
import { RECIPIENT, SHARE } from "../kinds";
import { addShareGrant, grantsOfRecipient, grantsOfShare, removeShareGrant, type ShareGrantRow } from "./grant-rows";

/** PermissionsList of a share: recipients and their privileges (only SELECT exists). */
export interface SharePermissions {
  privilege_assignments: { principal: string; privileges: string[] }[];
}

export interface SharePermissionsChange {
  principal: string;
  add?: string[];
  remove?: string[];
}

const assignments = (rows: ShareGrantRow[]) => rows.map((g) => ({ principal: g.recipientName, privileges: [g.privilege] }));

/** GET /shares/{name}/permissions: who may read the share (visible to whoever sees the share). */
export async function getSharePermissions({ ctx, name }: { ctx: RequestContext; name: string }): Promise<SharePermissions> {
  return auditedRead(ctx, { name: "getSharePermissions", securableType: "share", securableFullName: name }, async (db) => {
    const share = await resolveVisible(ctx, SHARE, name, "name");
    return { privilege_assignments: assignments(await grantsOfShare(db, share.id)) };
  });
}

/**
 * GRANT / REVOKE SELECT ON SHARE to recipients (PATCH /shares/{name}/permissions). Needs the
 * right to set share permissions (share owner, SET SHARE PERMISSION, metastore admin) and,
 * for each recipient, the right to use it (its owner, USE RECIPIENT, metastore admin), as
 * Databricks asks for delegated rights on both objects (uc-semantics §5). A revoke takes
 * effect on the recipient's next request: protocol calls read the grant every time.
 */
export async function updateSharePermissions({ ctx, name, changes }: { ctx: RequestContext; name: string; changes: SharePermissionsChange[] }): Promise<SharePermissions> {
  const normalized = changes.map((c, i) => ({ principal: c.principal, add: selectOnly(c.add, `changes[${i}].add`), remove: selectOnly(c.remove, `changes[${i}].remove`) }));
  return audited(ctx, { name: "updateSharePermissions", securableType: "share", securableFullName: name, params: { changes: normalized } }, async (scope) => {
    const share = await resolveVisible(ctx, SHARE, name, "name");
    scope.target({ securableId: share.id, securableFullName: share.fullName });
    await ctx.services.authz.authorize(ctx.principal, "share.setPermission", share);
    const resolved: { recipient: SecurableRow; add: boolean; remove: boolean }[] = [];
    for (const [i, change] of normalized.entries()) {
      const recipient = await resolveVisible(ctx, RECIPIENT, change.principal ?? "", `changes[${i}].principal`);
      await ctx.services.authz.authorize(ctx.principal, "recipient.use", recipient);
      resolved.push({ recipient, add: change.add, remove: change.remove });
    }
    const now = ctx.services.clock.now();
    return scope.commit(async (tx) => {
      for (const r of resolved) {
        if (r.remove) await removeShareGrant(tx, share.id, r.recipient.id);
        if (r.add) await addShareGrant(tx, share.id, r.recipient.id, ctx.principal.name, now);
      }
      const named = new Set(resolved.map((r) => r.recipient.id));
      return { privilege_assignments: assignments((await grantsOfShare(tx, share.id)).filter((g) => named.has(g.recipientId))) };
    });
  });
}

/** GET /recipients/{name}/share-permissions: the shares a recipient may read. */
export async function getRecipientSharePermissions({ ctx, name }: { ctx: RequestContext; name: string }) {
  return auditedRead(ctx, { name: "getRecipientSharePermissions", securableType: "recipient", securableFullName: name }, async (db) => {
    const recipient = await resolveVisible(ctx, RECIPIENT, name, "name");
    const rows = await grantsOfRecipient(db, recipient.id);
    return { permissions_out: rows.map((g) => ({ share_name: g.shareName, privilege_assignments: [{ principal: g.recipientName, privileges: [g.privilege] }] })) };
  });
}

/** Only SELECT can be granted on a share (uc-semantics §2); answers whether it was listed. */
function selectOnly(privileges: string[] | undefined, field: string): boolean {
  const list = (privileges ?? []).map((p) => p.trim().toUpperCase());
  const bad = list.find((p) => p !== "SELECT");
  if (bad !== undefined) throw invalidArgument(`Privilege ${bad} is not valid on a share; valid: SELECT.`, { field });
  return list.length > 0;
}
