import { inArray } from "drizzle-orm";
import type { RequestContext } from "../context";
import type { Db } from "../db/types";
import { audited } from "../audit/audited";
import { invalidArgument } from "../errors";
import { volumeDetails } from "../../schema/index";
import { SCHEMA, VOLUME } from "./kinds";
import { normalizeName } from "./names";
import { assertNoDataOverlap, externalStorage } from "./locations";
import { authorizeExternalStorage } from "../credentials/external-storage";
import { findSecurableById, insertSecurable, type SecurableRow } from "./rows";
import { managedLocation } from "./managed-storage";
import { deleteSecurableCommon, getSecurable, listSecurables, resolveVisible, updateSecurableCommon, type CommonUpdate, type ListInput } from "./securable-verbs";
import type { Page } from "./paging";

export const VOLUME_TYPES = ["MANAGED", "EXTERNAL"] as const;

/** VolumeInfo as Unity Catalog OSS returns it (uc-oss §2.4). */
export interface VolumeInfo {
  catalog_name: string;
  schema_name: string;
  name: string;
  full_name: string;
  comment: string | null;
  owner: string;
  created_at: number;
  created_by: string;
  updated_at: number | null;
  updated_by: string | null;
  volume_id: string;
  volume_type: string;
  storage_location: string | null;
}

export interface CreateVolumeInput {
  catalog_name: string;
  schema_name: string;
  name: string;
  volume_type: (typeof VOLUME_TYPES)[number];
  comment?: string | null;
  storage_location?: string | null;
}

export async function toVolumeInfos(db: Db, rows: SecurableRow[]): Promise<VolumeInfo[]> {
  if (rows.length === 0) return [];
  const details = await db.select().from(volumeDetails).where(inArray(volumeDetails.securableId, rows.map((r) => r.id)));
  const types = new Map(details.map((d) => [d.securableId, d.volumeType]));
  return rows.map((row) => {
    const [catalog, schema] = row.fullName.split(".");
    return {
      catalog_name: catalog!,
      schema_name: schema!,
      name: row.name,
      full_name: row.fullName,
      comment: row.comment,
      owner: row.ownerName,
      created_at: row.createdAt,
      created_by: row.createdBy,
      updated_at: row.updatedAt,
      updated_by: row.updatedBy,
      volume_id: row.id,
      volume_type: types.get(row.id)!,
      storage_location: row.storageLocation,
    };
  });
}

/** Creates a volume (USE CATALOG, USE SCHEMA and CREATE VOLUME on the schema). */
export async function createVolume({ ctx, input }: { ctx: RequestContext; input: CreateVolumeInput }): Promise<VolumeInfo> {
  const catalogName = normalizeName("catalog_name", input.catalog_name);
  const schemaName = normalizeName("schema_name", input.schema_name);
  const name = normalizeName("name", input.name);
  const fullName = `${catalogName}.${schemaName}.${name}`;
  const external = externalLocationOf(input);
  const params = { name, catalog_name: catalogName, schema_name: schemaName, volume_type: input.volume_type, storage_location: external };
  return audited(ctx, { name: "createVolume", securableType: "volume", securableFullName: fullName, params }, async (scope) => {
    const schema = await resolveVisible(ctx, SCHEMA, `${catalogName}.${schemaName}`, "schema_name");
    await ctx.services.authz.authorize(ctx.principal, "schema.createVolume", schema);
    // Issue 7: the storage must lie under an external location the caller may create volumes in.
    if (external) await authorizeExternalStorage(ctx, external, "volume");
    const id = crypto.randomUUID();
    scope.target({ securableId: id });
    const location = external ?? (await managedLocation(ctx, schema, "volumes", id));
    return scope.commit(async (tx) => {
      await assertNoDataOverlap(tx, location, "storage_location");
      await insertSecurable(
        tx,
        { id, type: "volume", parentId: schema.id, name, fullName, ownerId: ctx.principal.id, comment: input.comment, storageLocation: location, createdBy: ctx.principal.name },
        ctx.services.clock.now(),
        VOLUME.alreadyExists,
      );
      await tx.insert(volumeDetails).values({ securableId: id, volumeType: input.volume_type });
      return (await toVolumeInfos(tx, [(await findSecurableById(tx, id))!]))[0]!;
    });
  });
}

function externalLocationOf(input: CreateVolumeInput): string | null {
  if (input.volume_type === "MANAGED") {
    if (input.storage_location) throw invalidArgument("MANAGED volumes get their storage_location from managed storage; do not set one.", { field: "storage_location" });
    return null;
  }
  if (!input.storage_location) throw invalidArgument("EXTERNAL volumes need a storage_location.", { field: "storage_location" });
  return externalStorage(input.storage_location, "volumes");
}

export const getVolume = ({ ctx, fullName }: { ctx: RequestContext; fullName: string }) => getSecurable(ctx, VOLUME, fullName, toVolumeInfos);

export async function listVolumes({ ctx, catalogName, schemaName, input }: { ctx: RequestContext; catalogName: string; schemaName: string; input: ListInput }): Promise<Page<VolumeInfo>> {
  const schemaFullName = `${normalizeName("catalog_name", catalogName)}.${normalizeName("schema_name", schemaName)}`;
  return listSecurables(ctx, VOLUME, schemaFullName, () => resolveVisible(ctx, SCHEMA, schemaFullName, "schema_name"), input, toVolumeInfos);
}

export const updateVolume = ({ ctx, fullName, input }: { ctx: RequestContext; fullName: string; input: CommonUpdate }) =>
  updateSecurableCommon(ctx, VOLUME, fullName, input, toVolumeInfos);

export const deleteVolume = ({ ctx, fullName }: { ctx: RequestContext; fullName: string }) => deleteSecurableCommon(ctx, VOLUME, fullName, true);
