import { eq } from "drizzle-orm";
import type { RequestContext } from "../../context";
import { principals } from "../../../schema/index";
import { audited } from "../../audit/audited";
import { requireMetastoreAdmin } from "../admin";
import { ACCOUNTS_SERVICE } from "../sign-in-audit";
import { newClientSecret } from "../client-secrets";
import { loadResourceRow } from "./lookup";

/** A new OAuth secret, shown once (Databricks' service principal secret, simplified). */
export interface CreatedSecret {
  client_id: string;
  secret: string;
  status: "ACTIVE";
  create_time: number;
}

/**
 * Gives a service principal a new OAuth client secret (metastore admins). A principal has one
 * secret: a new one replaces the old at once. Only the hash is stored; the audit row records
 * that it happened, never the secret.
 */
export async function createServicePrincipalSecret({ ctx, input }: { ctx: RequestContext; input: { id: string } }): Promise<CreatedSecret> {
  return audited(ctx, { name: "createServicePrincipalSecret", service: ACCOUNTS_SERVICE, securableType: "service_principal" }, async (scope) => {
    await requireMetastoreAdmin(ctx);
    const row = await loadResourceRow(ctx.services.db, "ServicePrincipal", input.id);
    scope.target({ securableId: row.id, securableFullName: row.name });
    const { secret, hash } = await newClientSecret();
    const now = ctx.services.clock.now();
    await scope.commit((tx) => tx.update(principals).set({ secretHash: hash, updatedAt: now }).where(eq(principals.id, row.id)));
    return { client_id: row.name, secret, status: "ACTIVE", create_time: now };
  });
}

/** Removes a service principal's secret: client-credentials sign-in stops at once. */
export async function deleteServicePrincipalSecret({ ctx, input }: { ctx: RequestContext; input: { id: string } }): Promise<void> {
  await audited(ctx, { name: "deleteServicePrincipalSecret", service: ACCOUNTS_SERVICE, securableType: "service_principal" }, async (scope) => {
    await requireMetastoreAdmin(ctx);
    const row = await loadResourceRow(ctx.services.db, "ServicePrincipal", input.id);
    scope.target({ securableId: row.id, securableFullName: row.name });
    await scope.commit((tx) => tx.update(principals).set({ secretHash: null, updatedAt: ctx.services.clock.now() }).where(eq(principals.id, row.id)));
  });
}
