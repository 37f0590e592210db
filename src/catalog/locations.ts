import { sql } from "drizzle-orm";
import type { Db } from "../db/types";
import { queryRows } from "../db/rows";
import { invalidArgument } from "../errors";

const SCHEMES = new Set(["s3", "s3a", "gs", "abfs", "abfss", "file", "memory", "r2"]);

/**
 * Canonical form of a storage URL: scheme lowercased, no trailing slash, no empty or `.`/`..`
 * segments (refused: they would let a path escape the prefix it claims), bare absolute paths
 * read as file URLs (as Unity Catalog does).
 */
export function normalizeLocation(field: string, raw: string): string {
  const input = raw.trim();
  const withScheme = input.startsWith("/") ? `file://${input}` : input;
  const match = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\/([^/]*)(\/.*)?$/.exec(withScheme);
  if (!match) throw invalidArgument(`Invalid ${field} '${raw}': expected a URL such as s3://bucket/path or file:///path.`, { field });
  const scheme = match[1]!.toLowerCase();
  if (!SCHEMES.has(scheme)) throw invalidArgument(`Invalid ${field} '${raw}': unsupported scheme '${scheme}'.`, { field });
  const authority = match[2]!;
  if (scheme === "file" && authority !== "") throw invalidArgument(`Invalid ${field} '${raw}': file URLs must be absolute (file:///path).`, { field });
  if (scheme !== "file" && authority === "") throw invalidArgument(`Invalid ${field} '${raw}': missing bucket or container.`, { field });
  const segments = (match[3] ?? "").split("/").filter((s) => s !== "");
  if (segments.some((s) => s === "." || s === "..")) {
    throw invalidArgument(`Invalid ${field} '${raw}': '.' and '..' segments are not allowed.`, { field });
  }
  if (/[\u0000-\u001f\u007f]/.test(input)) throw invalidArgument(`Invalid ${field}: control characters are not allowed.`, { field });
  return `${scheme}://${authority}${segments.length ? "/" + segments.join("/") : scheme === "file" ? "/" : ""}`;
}

/** Whether `url` is a bucket or container root (never a valid table or volume location). */
export function isStorageRoot(url: string): boolean {
  return /^[a-z0-9+.-]+:\/\/[^/]*\/?$/.test(url);
}

/** Whether `inner` is `outer` or lies below it, segment-wise (`/orders` does not contain `/orders_b`). */
export function isWithin(inner: string, outer: string): boolean {
  return inner === outer || inner.startsWith(outer.endsWith("/") ? outer : outer + "/");
}

/** Folder under a managed root that Unity Catalog reserves for managed data. */
export const MANAGED_DIR = "__unitystorage";

export function isUnderManagedStorage(url: string): boolean {
  return url.split("/").includes(MANAGED_DIR);
}

const STORAGE_LOCK = 7_263_540_003;

/**
 * Refuses a location that equals, contains or lies inside the location of another table or
 * volume (issue 2 §5). Takes a transaction-scoped lock so two creates cannot both pass.
 */
export async function assertNoDataOverlap(tx: Db, location: string, field: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${STORAGE_LOCK})`);
  const rows = await queryRows<{ type: string; full_name: string; storage_location: string }>(
    tx,
    sql`select type, full_name, storage_location from securables
        where type in ('table', 'volume', 'registered_model') and storage_location is not null
          and (storage_location = ${location}
               or starts_with(${location}, storage_location || '/')
               or starts_with(storage_location, ${location} || '/'))
        limit 1`,
  );
  const clash = rows[0];
  if (clash) {
    throw invalidArgument(
      `Invalid ${field} '${location}': it overlaps the storage of ${clash.type} '${clash.full_name}' (${clash.storage_location}).`,
      { field },
    );
  }
}

/**
 * Validates the storage of an EXTERNAL table or volume: a proper URL that is not a bucket
 * root and not under managed storage.
 */
export function externalStorage(raw: string, what: string): string {
  const location = normalizeLocation("storage_location", raw);
  if (isStorageRoot(location)) throw invalidArgument("storage_location cannot be a bucket or container root.", { field: "storage_location" });
  if (isUnderManagedStorage(location)) throw invalidArgument(`EXTERNAL ${what} cannot live under managed storage.`, { field: "storage_location" });
  return location;
}
