import { and, asc, eq, isNotNull, lte, sql } from "drizzle-orm";
import type { Db } from "../../db/types";
import { recipientTokens } from "../../../schema/index";
import { randomSecret, sha256Hex } from "../../auth/secrets";

/** Prefix of recipient bearer tokens, so a leaked one is recognisable (like PATs' `lkw_`). */
export const RECIPIENT_TOKEN_PREFIX = "lkwds_";

export type TokenRow = typeof recipientTokens.$inferSelect;

/**
 * Adds a token slot with a fresh one-time activation code and returns the code (shown once;
 * only its hash is kept). The bearer token itself is minted when the code is used.
 */
export async function newTokenSlot(tx: Db, input: { recipientId: string; by: string; now: number; expiresAt: number | null }): Promise<{ id: string; code: string }> {
  const code = randomSecret("");
  const id = crypto.randomUUID();
  await tx.insert(recipientTokens).values({
    id,
    recipientId: input.recipientId,
    tokenHash: null,
    activationHash: await sha256Hex(code),
    createdAt: input.now,
    createdBy: input.by,
    updatedAt: input.now,
    updatedBy: input.by,
    expiresAt: input.expiresAt,
  });
  return { id, code };
}

/** Tokens of a recipient that have not expired, oldest first. */
export async function liveTokens(db: Db, recipientId: string, now: number): Promise<TokenRow[]> {
  return db
    .select()
    .from(recipientTokens)
    .where(and(eq(recipientTokens.recipientId, recipientId), sql`(${recipientTokens.expiresAt} is null or ${recipientTokens.expiresAt} > ${now})`))
    .orderBy(asc(recipientTokens.createdAt));
}

/**
 * Rotation's grace period: every existing token of the recipient now expires at
 * `now + graceMs` at the latest (it can only be shortened, as Databricks documents); tokens
 * already expired are deleted.
 */
export async function shortenTokens(tx: Db, recipientId: string, now: number, graceMs: number, by: string): Promise<void> {
  await tx.delete(recipientTokens).where(and(eq(recipientTokens.recipientId, recipientId), isNotNull(recipientTokens.expiresAt), lte(recipientTokens.expiresAt, now)));
  const until = now + graceMs;
  await tx
    .update(recipientTokens)
    .set({ expiresAt: sql`least(coalesce(${recipientTokens.expiresAt}, ${until}), ${until})`, updatedAt: now, updatedBy: by })
    .where(eq(recipientTokens.recipientId, recipientId));
}

/**
 * Uses an activation code, once: a single UPDATE swaps the code's hash for a new token's hash,
 * so of two concurrent downloads exactly one gets a token. Undefined for an unknown, used or
 * expired code.
 */
export async function activate(db: Db, code: string, now: number): Promise<{ row: TokenRow; token: string } | undefined> {
  const token = randomSecret(RECIPIENT_TOKEN_PREFIX);
  const [row] = await db
    .update(recipientTokens)
    .set({ activationHash: null, tokenHash: await sha256Hex(token), retrievedAt: now, updatedAt: now })
    .where(and(eq(recipientTokens.activationHash, await sha256Hex(code)), sql`(${recipientTokens.expiresAt} is null or ${recipientTokens.expiresAt} > ${now})`))
    .returning();
  return row ? { row, token } : undefined;
}

/** The token slot an unused activation code belongs to, without using it. */
export async function findByActivationCode(db: Db, code: string): Promise<TokenRow | undefined> {
  const [row] = await db.select().from(recipientTokens).where(eq(recipientTokens.activationHash, await sha256Hex(code))).limit(1);
  return row;
}
