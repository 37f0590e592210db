import { and, asc, eq } from "drizzle-orm";
import type { RequestContext } from "../context";
import { accessTokens } from "../../schema/index";
import { audited, auditedRead } from "../audit/audited";
import { LakewardError, invalidArgument } from "../errors";
import { issueAccessToken } from "./access-tokens";
import { ACCOUNTS_SERVICE } from "./sign-in-audit";

/** A token's public facts, as Databricks' token API names them (times in epoch ms; -1: never). */
export interface TokenInfo {
  token_id: string;
  creation_time: number;
  expiry_time: number;
  comment: string;
}

export interface CreatedToken {
  token_value: string;
  token_info: TokenInfo;
}

/**
 * Creates a personal access token for the caller (`POST /api/2.0/token/create`). The value is
 * returned once and never stored or audited; only its SHA-256 is kept.
 */
export async function createPersonalToken({ ctx, input }: { ctx: RequestContext; input: { lifetimeSeconds?: number | null; comment?: string | null } }): Promise<CreatedToken> {
  const max = ctx.services.config.identity.patMaxLifetimeSeconds;
  const asked = input.lifetimeSeconds && input.lifetimeSeconds > 0 ? input.lifetimeSeconds : null;
  const params = { lifetime_seconds: asked, comment: input.comment ?? null };
  return audited(ctx, { name: "createToken", service: ACCOUNTS_SERVICE, params }, async (scope) => {
    if (asked !== null && !Number.isSafeInteger(asked)) throw invalidArgument("lifetime_seconds is out of range.", { field: "lifetime_seconds" });
    if (max !== null && asked !== null && asked > max) {
      throw invalidArgument(`lifetime_seconds may be at most ${max}.`, { field: "lifetime_seconds" });
    }
    const lifetimeSeconds = asked ?? max;
    const issued = await scope.commit(async (tx) => {
      const token = await issueAccessToken(tx, { principalId: ctx.principal.id, comment: input.comment ?? null, lifetimeSeconds }, ctx.services.clock.now());
      scope.detail("tokenId", token.tokenId);
      return token;
    });
    return {
      token_value: issued.token,
      token_info: { token_id: issued.tokenId, creation_time: issued.createdAt, expiry_time: issued.expiresAt ?? -1, comment: input.comment ?? "" },
    };
  });
}

/** The caller's own tokens (`GET /api/2.0/token/list`), never their values. */
export async function listPersonalTokens({ ctx }: { ctx: RequestContext }): Promise<TokenInfo[]> {
  return auditedRead(ctx, { name: "listTokens", service: ACCOUNTS_SERVICE }, async (db) => {
    const rows = await db.select().from(accessTokens).where(eq(accessTokens.principalId, ctx.principal.id)).orderBy(asc(accessTokens.createdAt), asc(accessTokens.id));
    return rows.map((r) => ({ token_id: r.id, creation_time: r.createdAt, expiry_time: r.expiresAt ?? -1, comment: r.comment ?? "" }));
  });
}

/**
 * Deletes one of the caller's tokens (`POST /api/2.0/token/delete`); it stops working at once.
 * Another principal's token answers exactly like a missing one.
 */
export async function deletePersonalToken({ ctx, input }: { ctx: RequestContext; input: { tokenId: string } }): Promise<void> {
  await audited(ctx, { name: "deleteToken", service: ACCOUNTS_SERVICE, params: { token_id: input.tokenId } }, async (scope) => {
    const notFound = () => new LakewardError("NOT_FOUND", `Token ${input.tokenId} does not exist.`);
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(input.tokenId)) throw notFound();
    const mine = and(eq(accessTokens.id, input.tokenId), eq(accessTokens.principalId, ctx.principal.id));
    const [found] = await ctx.services.db.select({ id: accessTokens.id }).from(accessTokens).where(mine).limit(1);
    if (!found) throw notFound();
    await scope.commit((tx) => tx.delete(accessTokens).where(mine));
  });
}
