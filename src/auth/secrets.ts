import { createHash } from "node:crypto";

/** Recognisable prefix of Lakeward personal access tokens (like Databricks' `dapi`). */
export const PAT_PREFIX = "lkw_";

/** A new secret: `prefix` + 256 random bits, base64url. */
export function randomSecret(prefix: string): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return prefix + base64url(bytes);
}

/**
 * SHA-256 of a secret, hex: what the database stores instead of the secret. node:crypto
 * (also on Workers with nodejs_compat) hashes synchronously; WebCrypto's digest hops through
 * a thread pool and cost ~0.2 ms of every authenticated request in bench/uc-get-table.ts.
 */
export async function sha256Hex(text: string): Promise<string> {
  return createHash("sha256").update(text).digest("hex");
}

/** Compares two strings in time that depends only on their length. */
export function constantTimeEqual(a: string, b: string): boolean {
  const x = new TextEncoder().encode(a);
  const y = new TextEncoder().encode(b);
  let diff = x.length ^ y.length;
  for (let i = 0; i < Math.max(x.length, y.length); i++) diff |= (x[i] ?? 0) ^ (y[i] ?? 0);
  return diff === 0;
}

export function base64url(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}
