import type { RequestContext } from "../context";
import type { Db } from "../db/types";
import { audited } from "../audit/audited";
import { CATALOG, SCHEMA } from "./kinds";
import { normalizeName } from "./names";
import { MANAGED_DIR, normalizeLocation } from "./locations";
import { findSecurableById, insertSecurable, type SecurableRow } from "./rows";
import { deleteSecurableCommon, getSecurable, listSecurables, resolveVisible, updateSecurableCommon, type CommonUpdate, type ListInput } from "./securable-verbs";
import type { Page } from "./paging";
import { authorizeExternalStorage } from "../credentials/external-storage";

/** SchemaInfo as Unity Catalog OSS returns it (uc-oss §2.2). */
export interface SchemaInfo {
  name: string;
  catalog_name: string;
  comment: string | null;
  properties: Record<string, string>;
  full_name: string;
  owner: string;
  created_at: number;
  created_by: string;
  updated_at: number | null;
  updated_by: string | null;
  schema_id: string;
  storage_root: string | null;
  storage_location: string | null;
}

export interface CreateSchemaInput {
  name: string;
  catalog_name: string;
  comment?: string | null;
  properties?: Record<string, string>;
  storage_root?: string | null;
}

export const toSchemaInfos = async (_db: Db, rows: SecurableRow[]): Promise<SchemaInfo[]> =>
  rows.map((row) => ({
    name: row.name,
    catalog_name: row.fullName.split(".")[0]!,
    comment: row.comment,
    properties: row.properties,
    full_name: row.fullName,
    owner: row.ownerName,
    created_at: row.createdAt,
    created_by: row.createdBy,
    updated_at: row.updatedAt,
    updated_by: row.updatedBy,
    schema_id: row.id,
    storage_root: row.storageRoot,
    storage_location: row.storageLocation,
  }));

/** Creates a schema in a catalog (USE CATALOG + CREATE SCHEMA, or catalog ownership). */
export async function createSchema({ ctx, input }: { ctx: RequestContext; input: CreateSchemaInput }): Promise<SchemaInfo> {
  const catalogName = normalizeName("catalog_name", input.catalog_name);
  const name = normalizeName("name", input.name);
  const fullName = `${catalogName}.${name}`;
  const storageRoot = input.storage_root ? normalizeLocation("storage_root", input.storage_root) : null;
  const params = { name, catalog_name: catalogName, comment: input.comment, storage_root: storageRoot };
  return audited(ctx, { name: "createSchema", securableType: "schema", securableFullName: fullName, params }, async (scope) => {
    const catalog = await resolveVisible(ctx, CATALOG, catalogName, "catalog_name");
    await ctx.services.authz.authorize(ctx.principal, "catalog.createSchema", catalog);
    if (storageRoot) await authorizeExternalStorage(ctx, storageRoot, "managed");
    const id = crypto.randomUUID();
    scope.target({ securableId: id });
    return scope.commit(async (tx) => {
      await insertSecurable(
        tx,
        {
          id,
          type: "schema",
          parentId: catalog.id,
          name,
          fullName,
          ownerId: ctx.principal.id,
          comment: input.comment,
          properties: input.properties,
          storageRoot,
          storageLocation: storageRoot ? `${storageRoot}/${MANAGED_DIR}/schemas/${id}` : null,
          createdBy: ctx.principal.name,
        },
        ctx.services.clock.now(),
        SCHEMA.alreadyExists,
      );
      return (await toSchemaInfos(tx, [(await findSecurableById(tx, id))!]))[0]!;
    });
  });
}

export const getSchema = ({ ctx, fullName }: { ctx: RequestContext; fullName: string }) => getSecurable(ctx, SCHEMA, fullName, toSchemaInfos);

export async function listSchemas({ ctx, catalogName, input }: { ctx: RequestContext; catalogName: string; input: ListInput }): Promise<Page<SchemaInfo>> {
  const catalog = () => resolveVisible(ctx, CATALOG, catalogName, "catalog_name");
  return listSecurables(ctx, SCHEMA, catalogName, catalog, input, toSchemaInfos);
}

export const updateSchema = ({ ctx, fullName, input }: { ctx: RequestContext; fullName: string; input: CommonUpdate }) =>
  updateSecurableCommon(ctx, SCHEMA, fullName, input, toSchemaInfos);

export const deleteSchema = ({ ctx, fullName, force }: { ctx: RequestContext; fullName: string; force: boolean }) =>
  deleteSecurableCommon(ctx, SCHEMA, fullName, force);
