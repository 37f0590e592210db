import { eq, inArray } from "drizzle-orm";
import type { RequestContext } from "../context";
import type { Db } from "../db/types";
import { audited } from "../audit/audited";
import { LakewardError, invalidArgument } from "../errors";
import { manageOperation } from "../authz/operations";
import { externalLocationDetails, securables } from "../../schema/index";
import type { Kind } from "./kinds";
import { normalizeName } from "./names";
import { isWithin } from "./locations";
import type { Page } from "./paging";
import { deleteSecurable, findSecurable, findSecurableById, insertSecurable, type SecurableRow } from "./rows";
import { getSecurable, listSecurables, resolveVisible, type ListInput } from "./securable-verbs";
import { findDataWithin } from "../credentials/coverage";
import { assertLocationFree, locationUrl, resolveCredentialForLocation, usersOf } from "../credentials/location-rules";
import { updateTopLevel, type TopLevelUpdate } from "../credentials/top-level-update";

/** External locations are top-level securables under the metastore (uc-oss §2.10). */
export const EXTERNAL_LOCATION: Kind = { type: "external_location", parts: 1, parentType: "metastore", alreadyExists: "EXTERNAL_LOCATION_ALREADY_EXISTS", noun: "ExternalLocation" };

/** ExternalLocationInfo exactly as Unity Catalog OSS returns it. */
export interface ExternalLocationInfo {
  name: string;
  id: string;
  url: string;
  credential_name: string | null;
  comment: string | null;
  owner: string;
  credential_id: string | null;
  created_at: number;
  created_by: string;
  updated_at: number | null;
  updated_by: string | null;
}

export interface CreateLocationInput {
  name: string;
  url: string;
  credential_name: string;
  comment?: string | null;
}

export interface UpdateLocationInput extends TopLevelUpdate {
  url?: string;
  credentialName?: string;
  /** Change the URL even though tables or volumes use the old one (Databricks' `force`). */
  force?: boolean;
}

export async function toLocationInfos(db: Db, rows: SecurableRow[]): Promise<ExternalLocationInfo[]> {
  if (rows.length === 0) return [];
  const details = await db
    .select({ id: externalLocationDetails.securableId, credentialId: externalLocationDetails.credentialId, credentialName: securables.name })
    .from(externalLocationDetails)
    .leftJoin(securables, eq(securables.id, externalLocationDetails.credentialId))
    .where(inArray(externalLocationDetails.securableId, rows.map((r) => r.id)));
  const byId = new Map(details.map((d) => [d.id, d]));
  return rows.map((row) => ({
    name: row.name,
    id: row.id,
    url: row.storageLocation!,
    credential_name: byId.get(row.id)?.credentialName ?? null,
    comment: row.comment,
    owner: row.ownerName,
    credential_id: byId.get(row.id)?.credentialId ?? null,
    created_at: row.createdAt,
    created_by: row.createdBy,
    updated_at: row.updatedAt,
    updated_by: row.updatedBy,
  }));
}

/**
 * Creates an external location: CREATE EXTERNAL LOCATION on the metastore and on the storage
 * credential (or owning it; metastore admins may). Its URL may not equal, contain or lie in
 * another location's, nor be under managed storage.
 */
export async function createExternalLocation({ ctx, input }: { ctx: RequestContext; input: CreateLocationInput }): Promise<ExternalLocationInfo> {
  const name = normalizeName("name", input.name);
  const url = locationUrl(input.url);
  const params = { name, url, credential_name: input.credential_name, comment: input.comment };
  return audited(ctx, { name: "createExternalLocation", securableType: "external_location", securableFullName: name, params }, async (scope) => {
    await ctx.services.authz.authorize(ctx.principal, "metastore.createExternalLocation", ctx.services.metastoreId);
    const credential = await resolveCredentialForLocation(ctx, input.credential_name);
    const id = crypto.randomUUID();
    scope.target({ securableId: id });
    return scope.commit(async (tx) => {
      // A taken name is the clearer error (and what IF NOT EXISTS looks for), so it goes first.
      if (await findSecurable(tx, "external_location", name)) throw new LakewardError(EXTERNAL_LOCATION.alreadyExists, `External location '${name}' already exists`);
      await assertLocationFree(tx, url);
      const row = { id, type: "external_location" as const, parentId: ctx.services.metastoreId, name, fullName: name, ownerId: ctx.principal.id, comment: input.comment, storageLocation: url, createdBy: ctx.principal.name };
      await insertSecurable(tx, row, ctx.services.clock.now(), EXTERNAL_LOCATION.alreadyExists);
      await tx.insert(externalLocationDetails).values({ securableId: id, credentialId: credential.id });
      return (await toLocationInfos(tx, [(await findSecurableById(tx, id))!]))[0]!;
    });
  });
}

export const getExternalLocation = ({ ctx, name }: { ctx: RequestContext; name: string }) => getSecurable(ctx, EXTERNAL_LOCATION, name, toLocationInfos);

/** Locations the caller may see (owner, any privilege or BROWSE on it, metastore admin). */
export async function listExternalLocations({ ctx, input }: { ctx: RequestContext; input: ListInput }): Promise<Page<ExternalLocationInfo>> {
  const metastore = async () => (await ctx.services.authz.cache.chain(ctx.services.metastoreId))[0]!;
  return listSecurables(ctx, EXTERNAL_LOCATION, "metastore", metastore, input, toLocationInfos);
}

/**
 * PATCH: comment, owner, new_name, url, credential_name. A new credential needs the same right
 * as creating with it; a new URL must be free, and may strand tables or volumes stored under
 * the old one only with `force`.
 */
export async function updateExternalLocation({ ctx, name, input }: { ctx: RequestContext; name: string; input: UpdateLocationInput }): Promise<ExternalLocationInfo> {
  const url = input.url === undefined ? undefined : locationUrl(input.url);
  const params = { new_name: input.newName, comment: input.comment, owner: input.owner, url, credential_name: input.credentialName, force: input.force };
  return updateTopLevel(ctx, EXTERNAL_LOCATION, name, input, params, toLocationInfos, {
    prepare: async () => (input.credentialName === undefined ? undefined : resolveCredentialForLocation(ctx, input.credentialName)),
    apply: async (tx, row, credential) => {
      if (credential) await tx.update(externalLocationDetails).set({ credentialId: credential.id }).where(eq(externalLocationDetails.securableId, row.id));
      if (url === undefined || url === row.storageLocation) return;
      await assertLocationFree(tx, url, row.id);
      const stranded = (await findDataWithin(tx, row.storageLocation!, 1000)).filter((d) => !isWithin(d.storageLocation, url));
      if (stranded.length > 0 && !input.force) {
        throw invalidArgument(`External location '${row.name}' is still used by ${usersOf(stranded)} under its current URL; use force to change it anyway.`, { field: "url" });
      }
      await tx.update(securables).set({ storageLocation: url }).where(eq(securables.id, row.id));
    },
  });
}

/** Deletes a location (metastore admin or owner); while tables or volumes use it, only with `force`. */
export async function deleteExternalLocation({ ctx, name, force }: { ctx: RequestContext; name: string; force: boolean }): Promise<void> {
  await audited(ctx, { name: "deleteExternalLocation", securableType: "external_location", securableFullName: name, params: { force } }, async (scope) => {
    const row = await resolveVisible(ctx, EXTERNAL_LOCATION, name, "name");
    scope.target({ securableId: row.id, securableFullName: row.fullName });
    await ctx.services.authz.authorize(ctx.principal, manageOperation("external_location"), row);
    await scope.commit(async (tx) => {
      const used = await findDataWithin(tx, row.storageLocation!, 5);
      if (used.length > 0 && !force) throw invalidArgument(`External location '${row.name}' is still used by ${usersOf(used)}; delete them first or use force=true.`);
      await deleteSecurable(tx, row.id, ctx.services.clock.now());
    });
  });
}
