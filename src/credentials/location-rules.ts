import { sql } from "drizzle-orm";
import type { RequestContext } from "../context";
import type { Db } from "../db/types";
import { invalidArgument } from "../errors";
import { isUnderManagedStorage, isWithin, normalizeLocation } from "../catalog/locations";
import type { SecurableRow } from "../catalog/rows";
import { resolveVisible } from "../catalog/securable-verbs";
import { STORAGE_CREDENTIAL } from "../catalog/storage-credentials";
import { findOverlappingLocations, type DataRow } from "./coverage";

/**
 * The rules an external location's URL and credential obey (uc-oss §2.10), shared by create,
 * PATCH and the SQL statements.
 */

/** A location URL in canonical form; never at or under managed storage (`__unitystorage`). */
export function locationUrl(raw: string): string {
  const url = normalizeLocation("url", raw);
  if (isUnderManagedStorage(url)) throw invalidArgument(`Invalid url '${url}': an external location cannot be at or under managed storage (__unitystorage).`, { field: "url" });
  return url;
}

/**
 * The storage credential a location will use, after checking the caller may build on it:
 * metastore admin, its owner, or CREATE EXTERNAL LOCATION on it. A credential the caller may
 * not see answers as missing.
 */
export async function resolveCredentialForLocation(ctx: RequestContext, name: string): Promise<SecurableRow> {
  const credential = await resolveVisible(ctx, STORAGE_CREDENTIAL, name, "credential_name");
  if (!(await ctx.services.authz.isMetastoreAdmin(ctx.principal, ctx.services.metastoreId))) {
    await ctx.services.authz.authorize(ctx.principal, "credential.createExternalLocation", credential);
  }
  return credential;
}

const LOCATION_LOCK = 7_263_540_107;

/**
 * Refuses a URL that equals, contains or lies inside another external location's. Holds a
 * transaction-scoped lock so two concurrent creates cannot both pass.
 */
export async function assertLocationFree(tx: Db, url: string, exceptId?: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${LOCATION_LOCK})`);
  const [clash] = await findOverlappingLocations(tx, url, exceptId);
  if (clash) {
    const [mine, theirs] = [url, clash.url].map((u) => u.replace(/^s3a:/, "s3:")) as [string, string];
    const how = mine === theirs ? "is the same as" : isWithin(mine, theirs) ? "lies inside" : "contains";
    throw invalidArgument(`Invalid url '${url}': it ${how} the URL of external location '${clash.name}' (${clash.url}); external locations may not overlap.`, { field: "url" });
  }
}

/** "table 'a.b.c', volume 'a.b.v'" for messages about what still uses a location. */
export function usersOf(rows: DataRow[]): string {
  return rows.slice(0, 5).map((r) => `${r.type} '${r.fullName}'`).join(", ") + (rows.length > 5 ? " and others" : "");
}
