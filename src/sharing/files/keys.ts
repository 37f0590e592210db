import { eq, sql } from "drizzle-orm";
import type { Db } from "../../db/types";
import type { Clock } from "../../clock";
import { sharingKeys } from "../../../schema/index";
import { base64url } from "../../auth/secrets";

const KEY_ID = "hmac-v1";
/** Serialises creation of the first key when replicas start at once. */
const KEY_LOCK = 7_263_540_008;

/**
 * The server key behind signed file URLs and page/refresh tokens, kept in the database so
 * every replica verifies what another one issued. Read once per process; it never leaves the
 * server.
 */
export class SharingKeys {
  private key?: Promise<CryptoKey>;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  /** The HMAC-SHA256 key, creating it on first use. */
  hmacKey(): Promise<CryptoKey> {
    this.key ??= this.load().catch((err) => {
      this.key = undefined;
      throw err;
    });
    return this.key;
  }

  private async load(): Promise<CryptoKey> {
    let secret = await this.read(this.db);
    if (!secret) {
      secret = await this.db.transaction(async (txn) => {
        const tx = txn as unknown as Db;
        await tx.execute(sql`select pg_advisory_xact_lock(${KEY_LOCK})`);
        const existing = await this.read(tx);
        if (existing) return existing;
        const fresh = base64url(crypto.getRandomValues(new Uint8Array(32)));
        await tx.insert(sharingKeys).values({ id: KEY_ID, secret: fresh, createdAt: this.clock.now() });
        return fresh;
      });
    }
    return crypto.subtle.importKey("raw", fromBase64url(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]);
  }

  private async read(db: Db): Promise<string | undefined> {
    const [row] = await db.select({ secret: sharingKeys.secret }).from(sharingKeys).where(eq(sharingKeys.id, KEY_ID)).limit(1);
    return row?.secret;
  }
}

/** Decodes base64url (no padding) to bytes. */
export function fromBase64url(text: string): Uint8Array<ArrayBuffer> {
  const b64 = text.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((text.length + 3) % 4);
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}
