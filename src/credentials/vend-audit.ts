import type { RequestContext } from "../context";
import type { AuditScope } from "../audit/audited";
import { LakewardError, invalidArgument } from "../errors";
import { findSecurableById, type SecurableRow } from "../catalog/rows";
import { notFound, type SecurableType } from "../authz/securables";
import { roleSessionName } from "./session-name";
import { vendCredentials, type TemporaryCredentials } from "./vend";
import type { Access } from "./session-policy";

/** Helpers shared by the three vending verbs (table, volume, path). */

/** Maps an operation name to read/write access; UNKNOWN_* and others are refused. */
export function accessOf(operation: string, table: Record<string, Access>): Access {
  const access = table[operation];
  if (!access) throw invalidArgument(`Invalid operation '${operation}': expected one of ${Object.keys(table).join(", ")}.`, { field: "operation" });
  return access;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A table or volume by id; unknown and malformed ids answer like missing ones. */
export async function securableById(ctx: RequestContext, type: SecurableType, id: string): Promise<SecurableRow> {
  const row = UUID.test(id) ? await findSecurableById(ctx.services.db, id.toLowerCase()) : undefined;
  if (!row || row.type !== type) throw notFound(type, id);
  return row;
}

/**
 * Vends for the caller and writes what was vended into the audit row: role session name,
 * expiry, URL, location, credential, whether it came from the cache — never the secret.
 */
export async function vendForCaller(ctx: RequestContext, scope: AuditScope, url: string, access: Access): Promise<TemporaryCredentials> {
  const sessionName = roleSessionName(ctx.principal.name, ctx.principal.id);
  const { credentials, facts } = await vendCredentials(ctx.services, { principalKey: ctx.principal.id, roleSessionName: sessionName, url, access });
  scope.detail("url", url);
  scope.detail("access", access);
  scope.detail("expiration_time", facts.expirationTime);
  scope.detail("cached", facts.cached);
  if (facts.roleSessionName) scope.detail("role_session_name", facts.roleSessionName);
  if (facts.externalLocation) scope.detail("external_location", facts.externalLocation);
  if (facts.storageCredential) scope.detail("storage_credential", facts.storageCredential);
  return credentials;
}

/** The storage of a table or volume, which every non-view has. */
export function storageOf(row: SecurableRow): string {
  if (!row.storageLocation) throw new LakewardError("FAILED_PRECONDITION", `${row.fullName} has no storage location.`);
  return row.storageLocation;
}
