import type { RequestContext } from "../context";
import { audited } from "../audit/audited";
import { refuseUngovernedAccess } from "./refusals";
import { accessOf, securableById, storageOf, vendForCaller } from "./vend-audit";
import type { TemporaryCredentials } from "./vend";

export const TABLE_OPERATIONS = ["UNKNOWN_TABLE_OPERATION", "READ", "READ_WRITE"] as const;

export interface TableCredentialInput {
  table_id: string;
  operation: (typeof TABLE_OPERATIONS)[number];
}

/**
 * POST /temporary-table-credentials (uc-oss §2.7, §3.3): READ needs SELECT, READ_WRITE needs
 * SELECT and MODIFY, both with USE CATALOG and USE SCHEMA (owning the table implies its
 * privileges). Being a metastore admin is not enough: admins govern, they do not read data.
 * Views, row-filtered and masked tables are refused. Authorization runs on every call, before
 * the credential cache, so a revoke takes effect at once.
 */
export async function generateTemporaryTableCredentials({ ctx, input }: { ctx: RequestContext; input: TableCredentialInput }): Promise<TemporaryCredentials> {
  const params = { table_id: input.table_id, operation: input.operation };
  return audited(ctx, { name: "generateTemporaryTableCredential", securableType: "table", params }, async (scope) => {
    const access = accessOf(input.operation, { READ: "read", READ_WRITE: "write" });
    const table = await securableById(ctx, "table", input.table_id);
    scope.target({ securableId: table.id, securableFullName: table.fullName });
    await ctx.services.authz.authorize(ctx.principal, access === "read" ? "table.select" : "table.selectModify", table);
    await refuseUngovernedAccess(ctx.services.db, table.id, table.fullName);
    return vendForCaller(ctx, scope, storageOf(table), access);
  });
}
