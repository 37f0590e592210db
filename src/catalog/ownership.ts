import type { RequestContext } from "../context";
import { audited } from "../audit/audited";
import { manageOperation } from "../authz/operations";
import type { SecurableType } from "../authz/securables";
import { resolveAnySecurable } from "./any-securable";
import { updateSecurable } from "./rows";
import { resolvePrincipal } from "./securable-verbs";

/** Audit nouns of each securable type: updateCatalog, updateStorageCredential ... */
export const AUDIT_NOUN: Record<SecurableType, string> = {
  metastore: "Metastore",
  catalog: "Catalog",
  schema: "Schema",
  table: "Table",
  volume: "Volume",
  function: "Function",
  registered_model: "RegisteredModel",
  external_location: "ExternalLocation",
  credential: "StorageCredential",
  share: "Share",
  recipient: "Recipient",
  connection: "Connection",
};

/**
 * `ALTER <securable> OWNER TO principal` for any securable type: needs the manage right
 * (owner, MANAGE, a containing owner, a metastore admin). The new owner may be a user, a
 * service principal or a group.
 */
export async function transferOwnership({ ctx, type, fullName, owner }: { ctx: RequestContext; type: SecurableType; fullName: string; owner: string }): Promise<void> {
  await audited(ctx, { name: `update${AUDIT_NOUN[type]}`, securableType: type, securableFullName: fullName, params: { owner } }, async (scope) => {
    const row = await resolveAnySecurable(ctx, type, fullName);
    scope.target({ securableId: row.id, securableFullName: row.fullName });
    await ctx.services.authz.authorize(ctx.principal, manageOperation(type), row);
    const principal = await resolvePrincipal(ctx.services.db, owner, "owner");
    await scope.commit((tx) => updateSecurable(tx, row.id, { ownerId: principal.id, updatedBy: ctx.principal.name }, ctx.services.clock.now()));
  });
}
