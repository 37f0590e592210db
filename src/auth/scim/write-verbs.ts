import type { RequestContext } from "../../context";
import { audited, type MutationScope } from "../../audit/audited";
import { requireMetastoreAdmin } from "../admin";
import { ACCOUNTS_SERVICE } from "../sign-in-audit";
import type { PrincipalRow } from "../principals";
import { desiredFrom, type DesiredPrincipal } from "./desired";
import { applyPatch, type PatchOperation } from "./patch";
import { renderAll, type ScimResource } from "./resources";
import { deleteScimPrincipal, insertScimPrincipal, updateScimPrincipal } from "./store";
import { guardProtected, loadResourceRow } from "./lookup";
import { KIND_OF, type ScimResourceType } from "./schemas";

/** Audit securable type of each resource type. */
const AUDIT_TYPE: Record<ScimResourceType, string> = { User: "user", Group: "group", ServicePrincipal: "service_principal" };

const action = (verb: string, type: ScimResourceType, params?: Record<string, unknown>) => ({ name: `${verb}${type}`, service: ACCOUNTS_SERVICE, securableType: AUDIT_TYPE[type], params });

/** SCIM POST: creates a user, group (with members) or service principal (metastore admins). */
export async function createScimResource({ ctx, input }: { ctx: RequestContext; input: { type: ScimResourceType; body: unknown } }): Promise<ScimResource> {
  const { type } = input;
  return audited(ctx, action("create", type), async (scope) => {
    await requireMetastoreAdmin(ctx);
    const desired = desiredFrom(type, input.body);
    scope.target({ securableFullName: desired.name });
    const row = await scope.commit(async (tx) => {
      const inserted = await insertScimPrincipal(tx, KIND_OF[type], desired, ctx.services.clock.now());
      scope.target({ securableId: inserted.id });
      if (desired.memberIds?.length) scope.detail("membersAdded", desired.memberIds);
      return inserted;
    });
    return (await renderAll(ctx.services.db, [row]))[0]!;
  });
}

/** SCIM PUT: replaces a resource with the body (a group's members included). */
export async function replaceScimResource({ ctx, input }: { ctx: RequestContext; input: { type: ScimResourceType; id: string; body: unknown } }): Promise<ScimResource> {
  return audited(ctx, action("update", input.type), async (scope) => {
    await requireMetastoreAdmin(ctx);
    const row = await loadResourceRow(ctx.services.db, input.type, input.id);
    return save(ctx, scope, row, desiredFrom(input.type, input.body, row));
  });
}

/** SCIM PATCH: applies PatchOp operations, then saves like PUT. */
export async function patchScimResource({ ctx, input }: { ctx: RequestContext; input: { type: ScimResourceType; id: string; operations: PatchOperation[] } }): Promise<ScimResource> {
  const ops = input.operations.map((o) => ({ op: o.op, path: o.path }));
  return audited(ctx, action("patch", input.type, { operations: ops }), async (scope) => {
    await requireMetastoreAdmin(ctx);
    const row = await loadResourceRow(ctx.services.db, input.type, input.id);
    const [current] = await renderAll(ctx.services.db, [row]);
    const patched = applyPatch(current!, input.operations, input.type);
    return save(ctx, scope, row, desiredFrom(input.type, patched, row));
  });
}

/** SCIM DELETE: the principal, its memberships, tokens and grants go; access ends at once. */
export async function deleteScimResource({ ctx, input }: { ctx: RequestContext; input: { type: ScimResourceType; id: string } }): Promise<void> {
  await audited(ctx, action("delete", input.type), async (scope) => {
    await requireMetastoreAdmin(ctx);
    const row = await loadResourceRow(ctx.services.db, input.type, input.id);
    scope.target({ securableId: row.id, securableFullName: row.name });
    await guardProtected(ctx, row, { deleting: true });
    await scope.commit((tx) => deleteScimPrincipal(tx, row, ctx.services.clock.now()));
  });
}

async function save(ctx: RequestContext, scope: MutationScope, row: PrincipalRow, desired: DesiredPrincipal): Promise<ScimResource> {
  scope.target({ securableId: row.id, securableFullName: desired.name });
  await guardProtected(ctx, row, { active: desired.active, name: desired.name });
  const updated = await scope.commit(async (tx) => {
    const result = await updateScimPrincipal(tx, row, desired, ctx.services.clock.now());
    if (result.members.added.length > 0) scope.detail("membersAdded", result.members.added);
    if (result.members.removed.length > 0) scope.detail("membersRemoved", result.members.removed);
    if (row.active !== result.row.active) scope.detail("active", result.row.active);
    if (row.name !== result.row.name) scope.detail("renamedFrom", row.name);
    return result.row;
  });
  return (await renderAll(ctx.services.db, [updated]))[0]!;
}
