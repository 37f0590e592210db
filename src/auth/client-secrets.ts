import { constantTimeEqual, randomSecret, sha256Hex } from "./secrets";

/** Prefix of service principal OAuth secrets, so leaked ones are recognisable. */
export const CLIENT_SECRET_PREFIX = "lkws_";

/** A new client secret and the hash kept in principals.secret_hash. */
export async function newClientSecret(): Promise<{ secret: string; hash: string }> {
  const secret = randomSecret(CLIENT_SECRET_PREFIX);
  return { secret, hash: await sha256Hex(secret) };
}

/** Hash of a secret nobody holds: unknown clients cost the same comparison as known ones. */
const DECOY_HASH = "0".repeat(64);

/**
 * Whether `presented` matches the stored hash. Always hashes and compares, in constant time,
 * even when there is no stored hash, so timing does not say which client ids exist.
 */
export async function clientSecretMatches(presented: string, storedHash: string | null | undefined): Promise<boolean> {
  const hash = await sha256Hex(presented);
  const same = constantTimeEqual(hash, storedHash ?? DECOY_HASH);
  return same && typeof storedHash === "string";
}
