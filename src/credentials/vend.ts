import { eq } from "drizzle-orm";
import type { Services } from "../services";
import { LakewardError, invalidArgument } from "../errors";
import { isStorageRoot } from "../catalog/locations";
import { securables, storageCredentialDetails } from "../../schema/index";
import { findCoveringLocation } from "./coverage";
import { sessionPolicy, type Access } from "./session-policy";
import { StsError, type AssumedCredentials } from "./sts";

/** TemporaryCredentials as Unity Catalog returns it (uc-oss §2.7); only AWS is vended. */
export interface TemporaryCredentials {
  aws_temp_credentials?: { access_key_id: string; secret_access_key: string; session_token: string };
  /** Absent for `file://`, which gets "an empty object with just url" (uc-oss §2.7). */
  expiration_time?: number;
  url: string;
}

/** What a vend did, for the audit row (never the secret). */
export interface VendFacts {
  roleSessionName?: string;
  expirationTime: number;
  externalLocation?: string;
  storageCredential?: string;
  cached: boolean;
}

export interface VendRequest {
  /** Cache partition: the principal's id, or a tag for server-side use. */
  principalKey: string;
  roleSessionName: string;
  /** Normalised storage URL the credentials are scoped to. */
  url: string;
  access: Access;
}

/**
 * Issues credentials for a storage prefix, the caller already authorised (issue 7 §2). S3:
 * the covering external location's credential is assumed through STS with a session policy
 * for exactly this prefix, cached until shortly before expiry. `file://` (and the in-memory
 * store) needs no credential: the answer carries only the URL, as Unity Catalog's does (the
 * audit row still records the nominal expiry).
 */
export async function vendCredentials(services: Services, request: VendRequest): Promise<{ credentials: TemporaryCredentials; facts: VendFacts }> {
  const { url } = request;
  const scheme = url.slice(0, url.indexOf(":"));
  const now = services.clock.now();
  if (scheme === "file" || scheme === "memory") {
    const expirationTime = now + services.config.credentials.durationSeconds * 1000;
    return { credentials: { url }, facts: { expirationTime, cached: false } };
  }
  if (scheme !== "s3" && scheme !== "s3a") {
    throw new LakewardError("UNIMPLEMENTED", `Credential vending for ${scheme}:// storage is not supported; Lakeward vends AWS STS credentials for s3:// locations.`);
  }
  if (isStorageRoot(url)) throw invalidArgument(`Credentials are not issued for a whole bucket (${url}); name a path inside it.`, { field: "url" });
  const role = await roleFor(services, url);
  const key = { principal: request.principalKey, url, access: request.access, roleArn: role.roleArn };
  const facts = { roleSessionName: request.roleSessionName, externalLocation: role.location, storageCredential: role.credential };
  const hit = services.credentials.cache.get(key);
  if (hit) return { credentials: render(hit, url), facts: { ...facts, expirationTime: hit.expiration, cached: true } };
  const assumed = await assume(services, role, request);
  services.credentials.cache.set(key, assumed);
  return { credentials: render(assumed, url), facts: { ...facts, expirationTime: assumed.expiration, cached: false } };
}

interface RoleToAssume {
  location: string;
  credential: string;
  roleArn: string;
  externalId: string;
}

/** The role of the storage credential behind the external location covering `url`. */
async function roleFor(services: Services, url: string): Promise<RoleToAssume> {
  const location = await findCoveringLocation(services.db, url);
  if (!location) throw new LakewardError("FAILED_PRECONDITION", `No external location covers ${url}, so Lakeward holds no storage credential for it.`);
  if (!location.credentialId) throw new LakewardError("FAILED_PRECONDITION", `External location '${location.name}' has no storage credential (it was dropped); set one with ALTER EXTERNAL LOCATION.`);
  const [credential] = await services.db
    .select({ name: securables.name, roleArn: storageCredentialDetails.awsRoleArn, externalId: storageCredentialDetails.externalId })
    .from(storageCredentialDetails)
    .innerJoin(securables, eq(securables.id, storageCredentialDetails.securableId))
    .where(eq(storageCredentialDetails.securableId, location.credentialId));
  if (!credential) throw new LakewardError("FAILED_PRECONDITION", `External location '${location.name}' has no storage credential.`);
  return { location: location.name, credential: credential.name, roleArn: credential.roleArn, externalId: credential.externalId };
}

async function assume(services: Services, role: RoleToAssume, request: VendRequest): Promise<AssumedCredentials> {
  try {
    return await services.credentials.sts.assumeRole({
      roleArn: role.roleArn,
      externalId: role.externalId,
      roleSessionName: request.roleSessionName,
      durationSeconds: services.config.credentials.durationSeconds,
      policy: sessionPolicy(request.url, request.access),
    });
  } catch (err) {
    if (!(err instanceof StsError)) throw err;
    // A refusal is a setup problem an admin can fix (trust policy, external id, max duration);
    // anything else (unreachable, 5xx, no identity configured) is ours.
    if (err.status !== undefined && err.status < 500) {
      throw new LakewardError("FAILED_PRECONDITION", `AWS STS refused to assume the role of storage credential '${role.credential}' (${err.code}). Check that the role trusts Lakeward's identity with the credential's external id and allows this session duration.`, { cause: err });
    }
    throw new LakewardError("INTERNAL", `Could not get credentials from AWS STS for storage credential '${role.credential}' (${err.code}).`, { cause: err });
  }
}

function render(c: AssumedCredentials, url: string): TemporaryCredentials {
  return { aws_temp_credentials: { access_key_id: c.accessKeyId, secret_access_key: c.secretAccessKey, session_token: c.sessionToken }, expiration_time: c.expiration, url };
}
