import type { RequestContext } from "../../context";
import { audited } from "../../audit/audited";
import { isUniqueViolation } from "../../db/rows";
import { LakewardError } from "../../errors";
import { normalizeName } from "../../catalog/names";
import { findSecurableById, insertSecurable, updateSecurable } from "../../catalog/rows";
import { renameTopLevel } from "../rename";
import { deleteSecurableCommon, getSecurable, listSecurables, resolvePrincipal, resolveVisible, type ListInput } from "../../catalog/securable-verbs";
import type { Page } from "../../catalog/paging";
import { SHARE } from "../kinds";
import { applyObjectChanges } from "./objects";
import { planObjectChanges, type ObjectUpdate } from "./plan-objects";
import { shareInfos, type ShareInfo } from "./share-info";

export interface CreateShareInput {
  name: string;
  comment?: string | null;
}

/** Creates an empty share owned by the caller (needs CREATE SHARE on the metastore). */
export async function createShare({ ctx, input }: { ctx: RequestContext; input: CreateShareInput }): Promise<ShareInfo> {
  const name = normalizeName("name", input.name);
  return audited(ctx, { name: "createShare", securableType: "share", securableFullName: name, params: { name, comment: input.comment } }, async (scope) => {
    await ctx.services.authz.authorize(ctx.principal, "metastore.createShare", ctx.services.metastoreId);
    const id = crypto.randomUUID();
    scope.target({ securableId: id });
    return scope.commit(async (tx) => {
      const row = { id, type: "share" as const, parentId: ctx.services.metastoreId, name, fullName: name, ownerId: ctx.principal.id, comment: input.comment, createdBy: ctx.principal.name };
      await insertSecurable(tx, row, ctx.services.clock.now(), SHARE.alreadyExists);
      return (await shareInfos(false)(tx, [(await findSecurableById(tx, id))!]))[0]!;
    });
  });
}

/** A share the caller may see (owner, USE SHARE, metastore admin), optionally with its objects. */
export const getShare = ({ ctx, name, includeSharedData }: { ctx: RequestContext; name: string; includeSharedData?: boolean }) =>
  getSecurable(ctx, SHARE, name, shareInfos(includeSharedData ?? false));

/** The shares the caller may see, by name. */
export function listShares({ ctx, input }: { ctx: RequestContext; input: ListInput }): Promise<Page<ShareInfo>> {
  const metastore = async () => (await ctx.services.authz.cache.chain(ctx.services.metastoreId))[0]!;
  return listSecurables(ctx, SHARE, "metastore", metastore, input, shareInfos(false));
}

export interface UpdateShareInput {
  new_name?: string;
  comment?: string | null;
  owner?: string;
  updates?: ObjectUpdate[];
}

/**
 * PATCH /shares/{name}: comment, owner, new name and data object changes, all in one
 * transaction. Needs the manage right on the share (owner, MANAGE, metastore admin); adding a
 * table also needs SELECT on it (checked while planning, before the transaction).
 */
export async function updateShare({ ctx, name, input }: { ctx: RequestContext; name: string; input: UpdateShareInput }): Promise<ShareInfo> {
  const params = { new_name: input.new_name, comment: input.comment, owner: input.owner, updates: input.updates };
  return audited(ctx, { name: "updateShare", securableType: "share", securableFullName: name, params }, async (scope) => {
    const share = await resolveVisible(ctx, SHARE, name, "name");
    scope.target({ securableId: share.id, securableFullName: share.fullName });
    await ctx.services.authz.authorize(ctx.principal, "share.manage", share);
    const changes = await planObjectChanges(ctx, share, input.updates ?? []);
    const owner = input.owner === undefined ? undefined : await resolvePrincipal(ctx.services.db, input.owner, "owner");
    const newName = input.new_name === undefined ? undefined : normalizeName("new_name", input.new_name);
    const now = ctx.services.clock.now();
    return scope.commit(async (tx) => {
      await updateSecurable(tx, share.id, { comment: input.comment, ownerId: owner?.id, updatedBy: ctx.principal.name }, now);
      try {
        await tx.transaction((sp) => applyObjectChanges(sp as never, changes));
      } catch (err) {
        // Another update added the same object or name between our plan and our commit.
        if (isUniqueViolation(err)) throw new LakewardError("RESOURCE_ALREADY_EXISTS", `A data object with that name is already in share '${share.name}'.`);
        throw err;
      }
      if (newName !== undefined && newName !== share.name) await renameTopLevel(tx, share.id, "Share", newName, ctx.principal.name, now);
      return (await shareInfos(true)(tx, [(await findSecurableById(tx, share.id))!]))[0]!;
    });
  });
}

/** Deletes a share; its objects and recipient grants go with it. */
export const deleteShare = ({ ctx, name }: { ctx: RequestContext; name: string }) => deleteSecurableCommon(ctx, SHARE, name, true);
