import type { Services } from "../services";
import { normalizeLocation } from "../catalog/locations";
import { findCoveringLocation } from "./coverage";
import { vendCredentials } from "./vend";
import type { S3Access, S3AccessFor } from "../storage/s3-credentialed";

/** Operations Lakeward may need on storage for its own work (sharing, the query engine). */
export type ServerOperation = "READ" | "READ_WRITE";

/** Credentials for server-side use: AWS keys for s3://, none needed for file://. */
export interface ServerCredentials {
  url: string;
  /** Epoch milliseconds. */
  expirationTime: number;
  aws?: { accessKeyId: string; secretAccessKey: string; sessionToken: string };
}

/**
 * Assumed-role credentials scoped to the prefix `url` (the same session policy clients get),
 * for Lakeward's own use — Delta Sharing pre-signing files of a shared table, say.
 *
 * INTERNAL: there is NO privilege check. The caller must already have decided that the work is
 * allowed (a recipient's share grant, a statement's SELECT) and must not hand the secret to a
 * client. Returns undefined when no external location with a credential covers an S3 URL, so
 * callers can fall back to serving bytes themselves. The STS session is named after `purpose`.
 * Cached like client vends, per (purpose, URL, operation).
 */
export async function serverCredentialsFor(
  services: Services,
  url: string,
  operation: ServerOperation = "READ",
  purpose = "server",
): Promise<ServerCredentials | undefined> {
  const normalized = normalizeLocation("url", url);
  const scheme = normalized.slice(0, normalized.indexOf(":"));
  if (scheme === "s3" || scheme === "s3a") {
    const location = await findCoveringLocation(services.db, normalized);
    if (!location?.credentialId) return undefined;
  }
  const sessionName = `lakeward-${purpose.replace(/[^\w+=,.@-]/g, "-")}`.slice(0, 64);
  const { credentials, facts } = await vendCredentials(services, {
    principalKey: `@${purpose}`,
    roleSessionName: sessionName,
    url: normalized,
    access: operation === "READ" ? "read" : "write",
  });
  const aws = credentials.aws_temp_credentials;
  return {
    url: credentials.url,
    expirationTime: facts.expirationTime,
    ...(aws ? { aws: { accessKeyId: aws.access_key_id, secretAccessKey: aws.secret_access_key, sessionToken: aws.session_token } } : {}),
  };
}

/**
 * The shape the sharing module's `S3AccessResolver` port expects (src/sharing/services.ts):
 * region, endpoint and credentials for an s3:// URL (READ unless asked for READ_WRITE), or
 * undefined when Lakeward holds none.
 */
export function serverS3Access(services: () => Services, purpose = "sharing") {
  return async (url: string, operation: ServerOperation = "READ"): Promise<(S3Access & { expiresAt: number }) | undefined> => {
    const s = services();
    const found = await serverCredentialsFor(s, url, operation, purpose);
    if (!found?.aws) return undefined;
    const { awsRegion, s3Endpoint, s3ForcePathStyle } = s.config.credentials;
    return { region: awsRegion, ...(s3Endpoint ? { endpoint: s3Endpoint } : {}), forcePathStyle: s3ForcePathStyle, credentials: found.aws, expiresAt: found.expirationTime };
  };
}

/**
 * The credentials port of the service's `s3://` object store (storage/s3-credentialed.ts):
 * Lakeward's own reads and writes of table storage — registering an external Delta table,
 * writing a managed one's log — use the storage credential of the external location covering
 * the object (session `lakeward-storage`). Keys are scoped to that location, not to each
 * object, so one STS call serves every object under it; a location at a bucket root is
 * narrowed to the object's top-level folder, since credentials are never issued for a whole
 * bucket. INTERNAL like serverCredentialsFor: callers authorise the work first.
 */
export function serverStorageAccess(services: () => Services): S3AccessFor {
  const access = serverS3Access(services, "storage");
  return async (url, write) => {
    const normalized = normalizeLocation("url", url);
    const location = await findCoveringLocation(services().db, normalized);
    if (!location?.credentialId) return undefined;
    const scope = scopeUnder(normalized, location.url);
    const found = scope ? await access(scope, write ? "READ_WRITE" : "READ") : undefined;
    return found && { ...found, scope: scope! };
  };
}

/** `url` cut to the depth of `locationUrl` (at least one folder), in `url`'s own s3/s3a spelling. */
function scopeUnder(url: string, locationUrl: string): string | undefined {
  const [, , authority, ...segments] = url.split("/");
  const depth = Math.max(1, locationUrl.split("/").slice(3).filter(Boolean).length);
  if (segments.length < depth) return undefined;
  return `${url.slice(0, url.indexOf(":"))}://${authority}/${segments.slice(0, depth).join("/")}`;
}
