import type { RequestContext } from "../context";
import type { Db } from "../db/types";
import { audited } from "../audit/audited";
import { CATALOG } from "./kinds";
import { normalizeName } from "./names";
import { MANAGED_DIR, normalizeLocation } from "./locations";
import { findSecurableById, insertSecurable, type SecurableRow } from "./rows";
import { deleteSecurableCommon, getSecurable, listSecurables, updateSecurableCommon, type CommonUpdate, type ListInput } from "./securable-verbs";
import type { Page } from "./paging";
import { authorizeExternalStorage } from "../credentials/external-storage";

/** CatalogInfo as Unity Catalog OSS returns it, plus Databricks' full_name and metastore_id. */
export interface CatalogInfo {
  name: string;
  full_name: string;
  comment: string | null;
  properties: Record<string, string>;
  owner: string;
  created_at: number;
  created_by: string;
  updated_at: number | null;
  updated_by: string | null;
  id: string;
  metastore_id: string;
  storage_root: string | null;
  storage_location: string | null;
  catalog_type: "MANAGED_CATALOG";
}

export interface CreateCatalogInput {
  name: string;
  comment?: string | null;
  properties?: Record<string, string>;
  storage_root?: string | null;
}

export const toCatalogInfos = async (_db: Db, rows: SecurableRow[]): Promise<CatalogInfo[]> =>
  rows.map((row) => ({
    name: row.name,
    full_name: row.fullName,
    comment: row.comment,
    properties: row.properties,
    owner: row.ownerName,
    created_at: row.createdAt,
    created_by: row.createdBy,
    updated_at: row.updatedAt,
    updated_by: row.updatedBy,
    id: row.id,
    metastore_id: row.parentId!,
    storage_root: row.storageRoot,
    storage_location: row.storageLocation,
    catalog_type: "MANAGED_CATALOG",
  }));

/** Creates a catalog owned by the caller (needs CREATE CATALOG on the metastore). */
export async function createCatalog({ ctx, input }: { ctx: RequestContext; input: CreateCatalogInput }): Promise<CatalogInfo> {
  const name = normalizeName("name", input.name);
  const storageRoot = input.storage_root ? normalizeLocation("storage_root", input.storage_root) : null;
  const params = { name, comment: input.comment, storage_root: storageRoot };
  return audited(ctx, { name: "createCatalog", securableType: "catalog", securableFullName: name, params }, async (scope) => {
    const [metastore] = await ctx.services.authz.authorize(ctx.principal, "metastore.createCatalog", ctx.services.metastoreId);
    if (storageRoot) await authorizeExternalStorage(ctx, storageRoot, "managed");
    const id = crypto.randomUUID();
    scope.target({ securableId: id });
    const root = storageRoot ?? ctx.services.config.storageRoot;
    return scope.commit(async (tx) => {
      await insertSecurable(
        tx,
        {
          id,
          type: "catalog",
          parentId: metastore!.id,
          name,
          fullName: name,
          ownerId: ctx.principal.id,
          comment: input.comment,
          properties: input.properties,
          storageRoot,
          storageLocation: `${root}/${MANAGED_DIR}/catalogs/${id}`,
          createdBy: ctx.principal.name,
        },
        ctx.services.clock.now(),
        CATALOG.alreadyExists,
      );
      return (await toCatalogInfos(tx, [(await findSecurableById(tx, id))!]))[0]!;
    });
  });
}

export const getCatalog = ({ ctx, name }: { ctx: RequestContext; name: string }) => getSecurable(ctx, CATALOG, name, toCatalogInfos);

export async function listCatalogs({ ctx, input }: { ctx: RequestContext; input: ListInput }): Promise<Page<CatalogInfo>> {
  const metastore = async () => (await ctx.services.authz.cache.chain(ctx.services.metastoreId))[0]!;
  return listSecurables(ctx, CATALOG, "metastore", metastore, input, toCatalogInfos);
}

export const updateCatalog = ({ ctx, name, input }: { ctx: RequestContext; name: string; input: CommonUpdate }) =>
  updateSecurableCommon(ctx, CATALOG, name, input, toCatalogInfos);

export const deleteCatalog = ({ ctx, name, force }: { ctx: RequestContext; name: string; force: boolean }) =>
  deleteSecurableCommon(ctx, CATALOG, name, force);
