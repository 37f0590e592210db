import { desc, eq, gt, isNull, lt, or, sql } from "drizzle-orm";
import { exportJWK, generateKeyPair, importJWK, type JWK } from "jose";
import type { Db } from "../db/types";
import type { Clock } from "../clock";
import { signingKeys } from "../../schema/index";

/** Lakeward signs with ECDSA P-256: small tokens, fast keys, in every WebCrypto. */
export const LAKEWARD_ALG = "ES256";

/** How long a replica signs with the key it last read; a rotation elsewhere is seen within this. */
const CURRENT_KEY_CACHE_MS = 60_000;
/** Serialises creation of the first key when several replicas start at once. */
const KEY_LOCK = 7_263_540_003;

export interface SigningKey {
  kid: string;
  key: CryptoKey;
}

type KeyRow = typeof signingKeys.$inferSelect;

/**
 * Lakeward's own signing keys, kept in the database (issue 3 §2) so every replica signs and
 * verifies with the same set. A retired key keeps verifying for `graceMs` (the longest token
 * lifetime plus a margin) and is then deleted by the next rotation.
 */
export class SigningKeyStore {
  private current: { key: SigningKey; readAt: number } | undefined;
  private readonly verifying = new Map<string, { key: CryptoKey; retiredAt: number | null }>();

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    readonly graceMs: number,
  ) {}

  /** The key new tokens are signed with, creating the first one if there is none. */
  async signingKey(): Promise<SigningKey> {
    if (this.current && Date.now() - this.current.readAt < CURRENT_KEY_CACHE_MS) return this.current.key;
    let row = await this.newestActive(this.db);
    if (!row) {
      row = await this.db.transaction(async (txn) => {
        const tx = txn as unknown as Db;
        await tx.execute(sql`select pg_advisory_xact_lock(${KEY_LOCK})`);
        return (await this.newestActive(tx)) ?? (await insertKey(tx, this.clock.now()));
      });
    }
    const key = { kid: row.kid, key: (await importJWK(row.privateJwk as JWK, row.alg)) as CryptoKey };
    this.current = { key, readAt: Date.now() };
    return key;
  }

  /** The public key with this `kid` if it may still verify tokens; undefined otherwise. */
  async verificationKey(kid: string): Promise<CryptoKey | undefined> {
    let known = this.verifying.get(kid);
    if (!known) {
      // Unknown kids cost one primary-key lookup, like a personal access token does.
      const [row] = await this.db.select().from(signingKeys).where(eq(signingKeys.kid, kid)).limit(1);
      if (!row) return undefined;
      known = { key: (await importJWK(row.publicJwk as JWK, row.alg)) as CryptoKey, retiredAt: row.retiredAt };
      this.verifying.set(kid, known);
    }
    return this.stillVerifies(known.retiredAt) ? known.key : undefined;
  }

  /** Public halves of every key that may still verify a token, for /.well-known/jwks.json. */
  async publicJwks(): Promise<JWK[]> {
    const rows = await this.db
      .select()
      .from(signingKeys)
      .where(or(isNull(signingKeys.retiredAt), gt(signingKeys.retiredAt, this.clock.now() - this.graceMs)))
      .orderBy(desc(signingKeys.createdAt));
    return rows.map((r) => ({ ...(r.publicJwk as JWK), kid: r.kid, alg: r.alg, use: "sig" }));
  }

  /**
   * Retires the active keys, adds a new one and drops keys past their grace, in the caller's
   * transaction. Returns the new kid.
   */
  async rotate(tx: Db): Promise<string> {
    const now = this.clock.now();
    await tx.update(signingKeys).set({ retiredAt: now }).where(isNull(signingKeys.retiredAt));
    await tx.delete(signingKeys).where(lt(signingKeys.retiredAt, now - this.graceMs));
    const row = await insertKey(tx, now);
    return row.kid;
  }

  /** Forgets cached keys (after a rotation on this replica). */
  forget(): void {
    this.current = undefined;
    this.verifying.clear();
  }

  private stillVerifies(retiredAt: number | null): boolean {
    return retiredAt === null || retiredAt > this.clock.now() - this.graceMs;
  }

  private async newestActive(db: Db): Promise<KeyRow | undefined> {
    const [row] = await db.select().from(signingKeys).where(isNull(signingKeys.retiredAt)).orderBy(desc(signingKeys.createdAt)).limit(1);
    return row;
  }
}

async function insertKey(tx: Db, now: number): Promise<KeyRow> {
  const { publicKey, privateKey } = await generateKeyPair(LAKEWARD_ALG, { extractable: true });
  const row: KeyRow = {
    kid: crypto.randomUUID(),
    alg: LAKEWARD_ALG,
    publicJwk: (await exportJWK(publicKey)) as Record<string, unknown>,
    privateJwk: (await exportJWK(privateKey)) as Record<string, unknown>,
    createdAt: now,
    retiredAt: null,
  };
  await tx.insert(signingKeys).values(row);
  return row;
}
