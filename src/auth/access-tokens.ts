import { and, eq, sql } from "drizzle-orm";
import { preparedQuery } from "../db/prepared";
import type { Db } from "../db/types";
import { accessTokens, principals } from "../../schema/index";
import { constantTimeEqual, PAT_PREFIX, randomSecret, sha256Hex } from "./secrets";
import type { PrincipalRow } from "./principals";

export interface IssuedToken {
  tokenId: string;
  /** The secret: shown once, never stored. */
  token: string;
  createdAt: number;
  expiresAt: number | null;
}

/** Issues a personal access token for a principal; only its hash is kept. */
export async function issueAccessToken(
  db: Db,
  input: { principalId: string; comment?: string | null; lifetimeSeconds?: number | null },
  now: number,
): Promise<IssuedToken> {
  const token = randomSecret(PAT_PREFIX);
  const expiresAt = input.lifetimeSeconds && input.lifetimeSeconds > 0 ? now + input.lifetimeSeconds * 1000 : null;
  const id = crypto.randomUUID();
  await db.insert(accessTokens).values({
    id,
    principalId: input.principalId,
    tokenHash: await sha256Hex(token),
    comment: input.comment ?? null,
    createdAt: now,
    expiresAt,
  });
  return { tokenId: id, token, createdAt: now, expiresAt };
}

/** Only touch last_used_at when it is older than this, so reads do not all become writes. */
const LAST_USED_RESOLUTION_MS = 60_000;

const tokenByHash = preparedQuery((db) =>
  db
    .select({ token: accessTokens, principal: principals })
    .from(accessTokens)
    .innerJoin(principals, eq(principals.id, accessTokens.principalId))
    .where(eq(accessTokens.tokenHash, sql.placeholder("hash")))
    .limit(1)
    .prepare("lakeward_token_by_hash"),
);

/**
 * The active principal a token belongs to, or undefined for an unknown, expired or revoked
 * token or an inactive principal (issue 3 §7: deactivation is immediate).
 */
export async function principalForAccessToken(db: Db, token: string, now: number): Promise<PrincipalRow | undefined> {
  if (!token.startsWith(PAT_PREFIX)) return undefined;
  const hash = await sha256Hex(token);
  const [row] = await tokenByHash(db).execute({ hash });
  if (!row || !constantTimeEqual(row.token.tokenHash, hash)) return undefined;
  if (row.token.expiresAt !== null && row.token.expiresAt <= now) return undefined;
  if (!row.principal.active) return undefined;
  if (row.token.lastUsedAt === null || now - row.token.lastUsedAt > LAST_USED_RESOLUTION_MS) {
    await db.update(accessTokens).set({ lastUsedAt: now }).where(and(eq(accessTokens.id, row.token.id)));
  }
  return row.principal;
}
