import type { RequestContext } from "../context";
import type { Db } from "../db/types";
import { audited, auditedRead } from "../audit/audited";
import { LakewardError, invalidArgument } from "../errors";
import { manageOperation, readOperation } from "../authz/operations";
import { notFound, type SecurableNode } from "../authz/securables";
import { findPrincipalByName } from "../auth/principals";
import type { Kind } from "./kinds";
import { normalizeName, parseFullName } from "./names";
import { pageSize, pageVisible, type Page } from "./paging";
import { deleteSecurable, findSecurable, findSecurableById, hasChildren, listChildren, renameSecurable, updateSecurable, type SecurableRow } from "./rows";

/**
 * Finds a securable by full name and checks the caller may see it; a hidden securable gets
 * the same not-found error as a missing one (DESIGN §4).
 */
export async function resolveVisible(ctx: RequestContext, kind: Kind, fullName: string, field = "full_name"): Promise<SecurableRow> {
  const name = parseFullName(field, fullName, kind.parts).join(".");
  const row = await findSecurable(ctx.services.db, kind.type, name);
  if (!row) throw notFound(kind.type, name);
  await ctx.services.authz.authorize(ctx.principal, readOperation(kind.type), row);
  return row;
}

/** Gets one securable, mapped by `toInfo`. */
export async function getSecurable<I>(
  ctx: RequestContext,
  kind: Kind,
  fullName: string,
  toInfo: (db: Db, rows: SecurableRow[]) => Promise<I[]>,
): Promise<I> {
  return auditedRead(ctx, { name: `get${kind.noun}`, securableType: kind.type, securableFullName: fullName }, async (db) => {
    const row = await resolveVisible(ctx, kind, fullName);
    return (await toInfo(db, [row]))[0]!;
  });
}

export interface ListInput {
  maxResults?: number;
  pageToken?: string;
}

/**
 * Lists the children of a parent the caller may see, keyset-paged by name. `resolveParent`
 * runs inside the audited read, so a hidden or missing parent is audited too.
 */
export async function listSecurables<I>(
  ctx: RequestContext,
  kind: Kind,
  parentName: string,
  resolveParent: () => Promise<SecurableNode>,
  input: ListInput,
  toInfo: (db: Db, rows: SecurableRow[]) => Promise<I[]>,
): Promise<Page<I>> {
  return auditedRead(ctx, { name: `list${kind.noun}s`, securableType: kind.parentType, securableFullName: parentName }, async (db) => {
    const size = pageSize(input.maxResults);
    const parent = await resolveParent();
    const page = await pageVisible(
      (after, limit) => listChildren(db, parent.id, kind.type, after, limit),
      (rows) => ctx.services.authz.filter(ctx.principal, readOperation(kind.type), rows),
      input.pageToken,
      size,
    );
    return { items: await toInfo(db, page.items), nextPageToken: page.nextPageToken };
  });
}

export interface CommonUpdate {
  newName?: string;
  comment?: string | null;
  properties?: Record<string, string>;
  owner?: string;
}

/**
 * Updates comment, properties, name and owner — what every securable has. Renaming or
 * transferring ownership needs the manage right (owner, MANAGE, parent owner, metastore
 * admin); so does editing, as Databricks' ALTER requires. `extra` applies type-specific
 * changes in the same transaction.
 */
export async function updateSecurableCommon<I>(
  ctx: RequestContext,
  kind: Kind,
  fullName: string,
  input: CommonUpdate,
  toInfo: (db: Db, rows: SecurableRow[]) => Promise<I[]>,
  extra?: (tx: Db, row: SecurableRow) => Promise<void>,
): Promise<I> {
  const params = { ...input, owner: input.owner };
  return audited(ctx, { name: `update${kind.noun}`, securableType: kind.type, securableFullName: fullName, params }, async (scope) => {
    const row = await resolveVisible(ctx, kind, fullName);
    scope.target({ securableId: row.id, securableFullName: row.fullName });
    await ctx.services.authz.authorize(ctx.principal, manageOperation(kind.type), row);
    const owner = input.owner === undefined ? undefined : await resolvePrincipal(ctx.services.db, input.owner, "owner");
    const newName = input.newName === undefined ? undefined : normalizeName("new_name", input.newName);
    const now = ctx.services.clock.now();
    return scope.commit(async (tx) => {
      await updateSecurable(
        tx,
        row.id,
        { comment: input.comment, properties: input.properties, ownerId: owner?.id, updatedBy: ctx.principal.name },
        now,
      );
      if (extra) await extra(tx, row);
      if (newName !== undefined && newName !== row.name) {
        const newFullName = [...row.fullName.split(".").slice(0, -1), newName].join(".");
        await renameSecurable(tx, row, newName, newFullName, kind.alreadyExists, now, ctx.principal.name);
      }
      const updated = await findSecurableById(tx, row.id);
      return (await toInfo(tx, [updated!]))[0]!;
    });
  });
}

/** Deletes a securable; a non-empty container needs `force` (then its contents go too). */
export async function deleteSecurableCommon(ctx: RequestContext, kind: Kind, fullName: string, force: boolean): Promise<void> {
  await audited(ctx, { name: `delete${kind.noun}`, securableType: kind.type, securableFullName: fullName, params: { force } }, async (scope) => {
    const row = await resolveVisible(ctx, kind, fullName);
    scope.target({ securableId: row.id, securableFullName: row.fullName });
    await ctx.services.authz.authorize(ctx.principal, manageOperation(kind.type), row);
    await scope.commit(async (tx) => {
      if (!force && (await hasChildren(tx, row.id))) {
        throw new LakewardError("FAILED_PRECONDITION", `Cannot delete ${kind.type} '${row.fullName}': it is not empty (use force=true).`);
      }
      await deleteSecurable(tx, row.id, ctx.services.clock.now());
    });
  });
}

/** A principal named in a request (owner, grantee), or INVALID_ARGUMENT/NOT_FOUND. */
export async function resolvePrincipal(db: Db, name: string, field: string) {
  if (!name.trim()) throw invalidArgument(`Invalid ${field}: must not be empty.`, { field });
  const principal = await findPrincipalByName(db, name);
  if (!principal) throw new LakewardError("NOT_FOUND", `Principal '${name}' does not exist.`, { details: { field } });
  return principal;
}
