import type { Services } from "../services";
import { normalizeLocation } from "../catalog/locations";
import { findCoveringLocation } from "./coverage";
import { vendCredentials } from "./vend";

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
  const { credentials } = await vendCredentials(services, {
    principalKey: `@${purpose}`,
    roleSessionName: sessionName,
    url: normalized,
    access: operation === "READ" ? "read" : "write",
  });
  const aws = credentials.aws_temp_credentials;
  return {
    url: credentials.url,
    expirationTime: credentials.expiration_time,
    ...(aws ? { aws: { accessKeyId: aws.access_key_id, secretAccessKey: aws.secret_access_key, sessionToken: aws.session_token } } : {}),
  };
}

/**
 * The shape the sharing module's `S3AccessResolver` port expects (src/sharing/services.ts):
 * region and READ credentials for an s3:// URL, or undefined when Lakeward holds none.
 */
export function serverS3Access(services: () => Services, purpose = "sharing") {
  return async (url: string) => {
    const s = services();
    const found = await serverCredentialsFor(s, url, "READ", purpose);
    if (!found?.aws) return undefined;
    return { region: s.config.credentials.awsRegion, credentials: found.aws };
  };
}
