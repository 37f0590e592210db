import { and, eq } from "drizzle-orm";
import type { RequestContext } from "../../context";
import type { Db } from "../../db/types";
import { principals } from "../../../schema/index";
import { LakewardError } from "../../errors";
import { ACCOUNT_USERS } from "../../authz/cache";
import type { PrincipalRow } from "../principals";
import { scimNotFound } from "./errors";
import { KIND_OF, type ScimResourceType } from "./schemas";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The principal of this SCIM type with this id, or 404 (an id of another type is not found). */
export async function loadResourceRow(db: Db, type: ScimResourceType, id: string): Promise<PrincipalRow> {
  if (!UUID.test(id)) throw scimNotFound(type, id);
  const [row] = await db.select().from(principals).where(and(eq(principals.id, id), eq(principals.kind, KIND_OF[type]))).limit(1);
  if (!row) throw scimNotFound(type, id);
  return row;
}

/**
 * Refuses changes that would lock everyone out or break the built-in group: deleting or
 * deactivating the metastore owner, deleting or renaming `account users`.
 */
export async function guardProtected(ctx: RequestContext, row: PrincipalRow, change: { deleting?: boolean; active?: boolean; name?: string }): Promise<void> {
  const [metastore] = await ctx.services.authz.cache.chain(ctx.services.metastoreId);
  if (metastore?.ownerId === row.id && (change.deleting || change.active === false)) {
    throw new LakewardError("FAILED_PRECONDITION", "The metastore owner cannot be deleted or deactivated; transfer metastore ownership first.", { details: { scimType: "mutability" } });
  }
  if (row.kind === "group" && row.name === ACCOUNT_USERS && (change.deleting || (change.name !== undefined && change.name !== row.name))) {
    throw new LakewardError("FAILED_PRECONDITION", `The built-in group '${ACCOUNT_USERS}' cannot be deleted or renamed.`, { details: { scimType: "mutability" } });
  }
}
