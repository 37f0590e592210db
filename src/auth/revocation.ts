import { and, eq, lt, notExists, sql } from "drizzle-orm";
import type { Db } from "../db/types";
import { principals, revokedTokens } from "../../schema/index";
import type { PrincipalRow } from "./principals";
import type { LakewardTokenClaims } from "./lakeward-tokens";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The principal a verified Lakeward token speaks for, read on every request so that a
 * deactivated or deleted principal, or a logged-out token, stops working at once (issue 3 §7).
 * One indexed query.
 */
export async function activePrincipalForToken(db: Db, claims: LakewardTokenClaims): Promise<PrincipalRow | undefined> {
  if (!UUID.test(claims.principalId)) return undefined;
  const [row] = await db
    .select()
    .from(principals)
    .where(
      and(
        eq(principals.id, claims.principalId),
        eq(principals.active, true),
        notExists(db.select({ one: sql`1` }).from(revokedTokens).where(eq(revokedTokens.jti, claims.jti))),
      ),
    )
    .limit(1);
  return row;
}

/** Revokes a Lakeward token until it expires, and drops revocations that no longer matter. */
export async function revokeToken(tx: Db, claims: LakewardTokenClaims, now: number): Promise<void> {
  await tx.delete(revokedTokens).where(lt(revokedTokens.expiresAt, now));
  await tx
    .insert(revokedTokens)
    .values({ jti: claims.jti, principalId: claims.principalId, revokedAt: now, expiresAt: claims.expiresAt })
    .onConflictDoNothing();
}
