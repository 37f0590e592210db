import type { RequestContext } from "../context";
import type { Db } from "../db/types";
import { audited } from "../audit/audited";
import { manageOperation } from "../authz/operations";
import { describeSecurable } from "../authz/securables";
import type { Kind } from "../catalog/kinds";
import { normalizeName } from "../catalog/names";
import { eq } from "drizzle-orm";
import { LakewardError } from "../errors";
import { isUniqueViolation } from "../db/rows";
import { recordAuthzChange } from "../authz/changes";
import { securables } from "../../schema/index";
import { findSecurableById, updateSecurable, type SecurableRow } from "../catalog/rows";
import { resolvePrincipal, resolveVisible } from "../catalog/securable-verbs";

/** Fields every top-level securable's PATCH accepts (Databricks adds `owner` to UC OSS's). */
export interface TopLevelUpdate {
  newName?: string;
  comment?: string | null;
  owner?: string;
}

export interface TypeSpecificUpdate<P> {
  /** Extra lookups and checks, after the manage check and before the transaction. */
  prepare(row: SecurableRow): Promise<P>;
  /** Extra writes, inside the transaction (use only `tx`). */
  apply(tx: Db, row: SecurableRow, prepared: P): Promise<void>;
}

/**
 * PATCH for storage credentials and external locations: needs the manage right (owner,
 * MANAGE, metastore admin); renames, transfers ownership (Databricks semantics, which UC OSS
 * ignores) and applies type-specific changes, all in one audited transaction.
 */
export async function updateTopLevel<I, P>(
  ctx: RequestContext,
  kind: Kind,
  name: string,
  input: TopLevelUpdate,
  params: Record<string, unknown>,
  toInfo: (db: Db, rows: SecurableRow[]) => Promise<I[]>,
  specific?: TypeSpecificUpdate<P>,
): Promise<I> {
  return audited(ctx, { name: `update${kind.noun}`, securableType: kind.type, securableFullName: name, params }, async (scope) => {
    const row = await resolveVisible(ctx, kind, name, "name");
    scope.target({ securableId: row.id, securableFullName: row.fullName });
    await ctx.services.authz.authorize(ctx.principal, manageOperation(kind.type), row);
    const prepared = specific ? await specific.prepare(row) : undefined;
    const owner = input.owner === undefined ? undefined : await resolvePrincipal(ctx.services.db, input.owner, "owner");
    const newName = input.newName === undefined ? undefined : normalizeName("new_name", input.newName);
    const now = ctx.services.clock.now();
    return scope.commit(async (tx) => {
      await updateSecurable(tx, row.id, { comment: input.comment, ownerId: owner?.id, updatedBy: ctx.principal.name }, now);
      if (specific) await specific.apply(tx, row, prepared as P);
      if (newName !== undefined && newName !== row.name) await renameTopLevel(tx, row, newName, kind, now, ctx.principal.name);
      return (await toInfo(tx, [(await findSecurableById(tx, row.id))!]))[0]!;
    });
  });
}

/**
 * Renames a credential or location. Not catalog/rows.ts's renameSecurable: that one rewrites
 * the full names of schemas and tables below a catalog, and a location named like a catalog
 * must not drag that catalog's children along.
 */
async function renameTopLevel(tx: Db, row: SecurableRow, newName: string, kind: Kind, now: number, by: string): Promise<void> {
  try {
    // A savepoint keeps the transaction usable for the error path.
    await tx.transaction((sp) => sp.update(securables).set({ name: newName, fullName: newName, updatedAt: now, updatedBy: by }).where(eq(securables.id, row.id)));
  } catch (err) {
    if (isUniqueViolation(err)) throw new LakewardError(kind.alreadyExists, `${describeSecurable({ type: kind.type, fullName: newName })} already exists`);
    throw err;
  }
  await recordAuthzChange(tx, { securableId: row.id }, now);
}
