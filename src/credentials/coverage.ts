import { and, desc, eq, inArray, ne, or, sql } from "drizzle-orm";
import type { Db } from "../db/types";
import type { SecurableNode } from "../authz/securables";
import { externalLocationDetails, securables } from "../../schema/index";

/**
 * Which external location, table or volume governs a storage URL. URLs are compared
 * segment-wise on their normalised form (catalog/locations.ts), so `…/orders` never covers
 * `…/orders_backup`; `s3a://` is the same storage as `s3://` (Spark spells it so).
 */

/** An external location as vending and the table/volume hook need it. */
export interface LocationRow extends SecurableNode {
  name: string;
  url: string;
  credentialId: string | null;
}

/** A table or volume whose storage is at, under or above a URL. */
export interface DataRow extends SecurableNode {
  storageLocation: string;
}

/** Just the authorization facts of a row (the authz cache keeps what it is given). */
export function asNode(row: SecurableNode): SecurableNode {
  return { id: row.id, type: row.type, parentId: row.parentId, ownerId: row.ownerId, fullName: row.fullName };
}

/** `url` and each ancestor up to the bucket or file-system root, with s3/s3a spellings. */
export function ancestorsOf(url: string): string[] {
  const match = /^([a-z0-9+.-]+):\/\/([^/]*)(\/.*)?$/.exec(url);
  if (!match) return [url];
  const [, scheme, authority] = match as unknown as [string, string, string];
  const segments = (match[3] ?? "").split("/").filter(Boolean);
  const out: string[] = [];
  for (let n = segments.length; n >= 0; n--) {
    const path = segments.slice(0, n).join("/");
    for (const s of spellings(scheme)) out.push(n === 0 ? `${s}://${authority}${s === "file" ? "/" : ""}` : `${s}://${authority}/${path}`);
  }
  return out;
}

function spellings(scheme: string): string[] {
  return scheme === "s3" || scheme === "s3a" ? ["s3", "s3a"] : [scheme];
}

/** The other spellings of `url` itself (for "below this URL" prefix matches). */
function sameUrls(url: string): string[] {
  const scheme = url.slice(0, url.indexOf(":"));
  return spellings(scheme).map((s) => s + url.slice(scheme.length));
}

const locationColumns = {
  id: securables.id,
  type: securables.type,
  parentId: securables.parentId,
  ownerId: securables.ownerId,
  fullName: securables.fullName,
  name: securables.name,
  url: securables.storageLocation,
  credentialId: externalLocationDetails.credentialId,
};

/** The external location at or above `url` (locations never overlap, so at most one). */
export async function findCoveringLocation(db: Db, url: string): Promise<LocationRow | undefined> {
  const [row] = await db
    .select(locationColumns)
    .from(securables)
    .innerJoin(externalLocationDetails, eq(externalLocationDetails.securableId, securables.id))
    .where(and(eq(securables.type, "external_location"), inArray(securables.storageLocation, ancestorsOf(url))))
    .orderBy(desc(sql`length(${securables.storageLocation})`))
    .limit(1);
  return row as LocationRow | undefined;
}

/** External locations that equal, contain or lie inside `url`, except `exceptId`. */
export async function findOverlappingLocations(db: Db, url: string, exceptId?: string): Promise<LocationRow[]> {
  const rows = await db
    .select(locationColumns)
    .from(securables)
    .innerJoin(externalLocationDetails, eq(externalLocationDetails.securableId, securables.id))
    .where(and(eq(securables.type, "external_location"), exceptId ? ne(securables.id, exceptId) : undefined, or(inArray(securables.storageLocation, ancestorsOf(url)), below(url))))
    .orderBy(securables.name)
    .limit(10);
  return rows as LocationRow[];
}

const dataColumns = {
  id: securables.id,
  type: securables.type,
  parentId: securables.parentId,
  ownerId: securables.ownerId,
  fullName: securables.fullName,
  storageLocation: securables.storageLocation,
};

/** The table or volume whose storage is `url` or contains it, if any. */
export async function findDataAt(db: Db, url: string): Promise<DataRow | undefined> {
  const [row] = await db
    .select(dataColumns)
    .from(securables)
    .where(and(inArray(securables.type, ["table", "volume"]), inArray(securables.storageLocation, ancestorsOf(url))))
    .orderBy(desc(sql`length(${securables.storageLocation})`))
    .limit(1);
  return row as DataRow | undefined;
}

/** Tables and volumes stored at or below `url` (at most `limit`, by name). */
export async function findDataWithin(db: Db, url: string, limit = 10): Promise<DataRow[]> {
  const rows = await db
    .select(dataColumns)
    .from(securables)
    .where(and(inArray(securables.type, ["table", "volume"]), storedWithin(url)))
    .orderBy(securables.fullName)
    .limit(limit);
  return rows as DataRow[];
}

/** SQL condition: a securable's storage is `url` or lies below it. */
export function storedWithin(url: string) {
  return or(inArray(securables.storageLocation, sameUrls(url)), below(url));
}

function below(url: string) {
  const root = url.endsWith("/") ? url : url + "/";
  return or(...sameUrls(root).map((prefix) => sql`starts_with(${securables.storageLocation}, ${prefix})`));
}
