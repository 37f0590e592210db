import type { Clock } from "../clock";
import { LruMap } from "../authz/lru";
import type { AssumedCredentials } from "./sts";

/** Credentials are handed out again only while they have at least this long to live. */
export const RENEW_BEFORE_MS = 5 * 60_000;

/** Identifies one vend: who, which prefix, which access, through which role. */
export interface VendKey {
  /** Principal id, or a fixed tag for server-side use (serverCredentialsFor). */
  principal: string;
  url: string;
  access: string;
  roleArn: string;
}

/**
 * Vended credentials, kept per (principal, location, operation) until shortly before they
 * expire (issue 7 §4), so a client polling for credentials does not turn every call into an
 * STS round trip. Authorization runs before every lookup, so a revoke stops further vending
 * at once. Bounded, in memory only: secrets are never written anywhere.
 */
export class VendedCredentialCache {
  private readonly entries: LruMap<string, AssumedCredentials>;

  constructor(
    private readonly clock: Clock,
    capacity = 10_000,
  ) {
    this.entries = new LruMap(capacity);
  }

  /** Credentials for `key` still good for at least RENEW_BEFORE_MS, if any. */
  get(key: VendKey): AssumedCredentials | undefined {
    const id = keyOf(key);
    const hit = this.entries.get(id);
    if (hit && hit.expiration - RENEW_BEFORE_MS > this.clock.now()) return hit;
    if (hit) this.entries.delete(id);
    return undefined;
  }

  set(key: VendKey, credentials: AssumedCredentials): void {
    this.entries.set(keyOf(key), credentials);
  }

  clear(): void {
    this.entries.clear();
  }
}

function keyOf(key: VendKey): string {
  // JSON keeps the parts apart whatever characters a URL holds.
  return JSON.stringify([key.principal, key.url, key.access, key.roleArn]);
}
