import type { RequestContext } from "../context";
import { audited, type AuditScope } from "../audit/audited";
import { invalidArgument, permissionDenied } from "../errors";
import type { Operation } from "../authz/operations";
import { isStorageRoot, normalizeLocation } from "../catalog/locations";
import { asNode, findCoveringLocation, findDataAt, findDataWithin, type DataRow } from "./coverage";
import { refuseGovernedTablesWithin, refuseUngovernedAccess } from "./refusals";
import { accessOf, vendForCaller } from "./vend-audit";
import type { Access } from "./session-policy";
import type { TemporaryCredentials } from "./vend";

export const PATH_OPERATIONS = ["UNKNOWN_PATH_OPERATION", "PATH_READ", "PATH_READ_WRITE", "PATH_CREATE_TABLE"] as const;

export interface PathCredentialInput {
  url: string;
  operation: (typeof PATH_OPERATIONS)[number];
}

/** What the table or volume that owns a path demands, and how to say so. */
const DATA_RULES: Record<string, Record<Access, { op: Operation; needs: string }>> = {
  table: { read: { op: "table.select", needs: "SELECT" }, write: { op: "table.selectModify", needs: "SELECT and MODIFY" } },
  volume: { read: { op: "volume.readData", needs: "READ VOLUME" }, write: { op: "volume.writeData", needs: "READ VOLUME and WRITE VOLUME" } },
};

const LOCATION_RULES = {
  PATH_READ: { op: "external_location.readFiles", needs: "READ FILES" },
  PATH_READ_WRITE: { op: "external_location.writeFiles", needs: "READ FILES and WRITE FILES" },
  PATH_CREATE_TABLE: { op: "external_location.createExternalTable", needs: "CREATE EXTERNAL TABLE" },
} as const;

/**
 * POST /temporary-path-credentials (uc-oss §3.3). A path inside a table's or volume's storage
 * is governed by that object (SELECT / MODIFY, READ VOLUME / WRITE VOLUME); any other path by
 * the external location covering it (READ FILES, WRITE FILES, CREATE EXTERNAL TABLE). A path
 * no external location covers gets nothing — metastore admins included. PATH_CREATE_TABLE
 * must not overlap existing data; reads and writes must not expose a filtered or masked table.
 */
export async function generateTemporaryPathCredentials({ ctx, input }: { ctx: RequestContext; input: PathCredentialInput }): Promise<TemporaryCredentials> {
  const params = { url: input.url, operation: input.operation };
  return audited(ctx, { name: "generateTemporaryPathCredential", params }, async (scope) => {
    const access = accessOf(input.operation, { PATH_READ: "read", PATH_READ_WRITE: "write", PATH_CREATE_TABLE: "write" });
    const url = normalizeLocation("url", input.url);
    if (isStorageRoot(url)) throw invalidArgument(`Credentials are not issued for a whole bucket or file system (${url}); name a path inside it.`, { field: "url" });
    const data = await findDataAt(ctx.services.db, url);
    if (data) await authorizeThroughData(ctx, scope, data, url, input.operation, access);
    else await authorizeThroughLocation(ctx, scope, url, input.operation as keyof typeof LOCATION_RULES);
    return vendForCaller(ctx, scope, url, access);
  });
}

async function authorizeThroughData(ctx: RequestContext, scope: AuditScope, data: DataRow, url: string, operation: string, access: Access): Promise<void> {
  scope.target({ securableType: data.type, securableId: data.id, securableFullName: data.fullName });
  if (operation === "PATH_CREATE_TABLE") throw invalidArgument(`Cannot create a table at ${url}: it overlaps the storage of an existing table or volume.`, { field: "url" });
  const rule = DATA_RULES[data.type]![access];
  if (!(await ctx.services.authz.check(ctx.principal, rule.op, asNode(data))).allowed) {
    throw permissionDenied(`User does not have ${rule.needs} (with USE CATALOG and USE SCHEMA) on the ${data.type} stored at ${url}.`);
  }
  if (data.type === "table") await refuseUngovernedAccess(ctx.services.db, data.id, data.fullName);
}

async function authorizeThroughLocation(ctx: RequestContext, scope: AuditScope, url: string, operation: keyof typeof LOCATION_RULES): Promise<void> {
  const location = await findCoveringLocation(ctx.services.db, url);
  if (!location) throw permissionDenied(`No external location covers ${url}; Lakeward issues credentials only for registered storage.`);
  scope.target({ securableType: "external_location", securableId: location.id, securableFullName: location.name });
  if (operation === "PATH_CREATE_TABLE" && (await findDataWithin(ctx.services.db, url, 1)).length > 0) {
    throw invalidArgument(`Cannot create a table at ${url}: it overlaps the storage of an existing table or volume.`, { field: "url" });
  }
  const rule = LOCATION_RULES[operation];
  if (!(await ctx.services.authz.check(ctx.principal, rule.op, asNode(location))).allowed) {
    throw permissionDenied(`User does not have ${rule.needs} on External location '${location.name}'.`);
  }
  if (operation !== "PATH_CREATE_TABLE") await refuseGovernedTablesWithin(ctx.services.db, url);
}
