import type { RequestContext } from "../context";
import { permissionDenied } from "../errors";

/**
 * Identity administration (SCIM writes, key rotation) is for metastore admins: the metastore
 * owner, or members of the group that owns it (uc-semantics §10).
 */
export async function requireMetastoreAdmin(ctx: RequestContext): Promise<void> {
  if (!(await ctx.services.authz.isMetastoreAdmin(ctx.principal, ctx.services.metastoreId))) {
    throw permissionDenied("Only metastore admins may do this.");
  }
}

/** Whether the caller is a metastore admin, without throwing. */
export function isMetastoreAdmin(ctx: RequestContext): Promise<boolean> {
  return ctx.services.authz.isMetastoreAdmin(ctx.principal, ctx.services.metastoreId);
}
