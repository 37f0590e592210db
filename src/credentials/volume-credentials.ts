import type { RequestContext } from "../context";
import { audited } from "../audit/audited";
import { accessOf, securableById, storageOf, vendForCaller } from "./vend-audit";
import type { TemporaryCredentials } from "./vend";

export const VOLUME_OPERATIONS = ["UNKNOWN_VOLUME_OPERATION", "READ_VOLUME", "WRITE_VOLUME"] as const;

export interface VolumeCredentialInput {
  volume_id: string;
  operation: (typeof VOLUME_OPERATIONS)[number];
}

/**
 * POST /temporary-volume-credentials: READ_VOLUME needs READ VOLUME, WRITE_VOLUME needs READ
 * VOLUME and WRITE VOLUME (Databricks' privileges; owning the volume implies them), both with
 * USE CATALOG and USE SCHEMA. Metastore admins get no data access from being admins.
 */
export async function generateTemporaryVolumeCredentials({ ctx, input }: { ctx: RequestContext; input: VolumeCredentialInput }): Promise<TemporaryCredentials> {
  const params = { volume_id: input.volume_id, operation: input.operation };
  return audited(ctx, { name: "generateTemporaryVolumeCredential", securableType: "volume", params }, async (scope) => {
    const access = accessOf(input.operation, { READ_VOLUME: "read", WRITE_VOLUME: "write" });
    const volume = await securableById(ctx, "volume", input.volume_id);
    scope.target({ securableId: volume.id, securableFullName: volume.fullName });
    await ctx.services.authz.authorize(ctx.principal, access === "read" ? "volume.readData" : "volume.writeData", volume);
    return vendForCaller(ctx, scope, storageOf(volume), access);
  });
}
