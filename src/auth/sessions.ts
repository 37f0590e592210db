import type { RequestContext } from "../context";
import { audited } from "../audit/audited";
import { claimsLakewardIssuer, verifyLakewardToken } from "./lakeward-tokens";
import { revokeToken } from "./revocation";
import { requireMetastoreAdmin } from "./admin";
import { ACCOUNTS_SERVICE } from "./sign-in-audit";

/**
 * Ends the session of the token the caller authenticated with (`POST /auth/logout`): a
 * Lakeward JWT is revoked until it expires. Personal access tokens are left alone — they are
 * deleted through the token API — and identity providers' tokens are theirs to revoke.
 */
export async function logout({ ctx, input }: { ctx: RequestContext; input: { token: string } }): Promise<void> {
  await audited(ctx, { name: "logout", service: ACCOUNTS_SERVICE }, async (scope) => {
    if (!claimsLakewardIssuer(input.token, ctx.services)) return;
    const claims = await verifyLakewardToken(ctx.services, input.token);
    scope.detail("jti", claims.jti);
    await scope.commit((tx) => revokeToken(tx, claims, ctx.services.clock.now()));
  });
}

/**
 * Rotates Lakeward's signing key (metastore admins): new tokens are signed with a fresh key;
 * tokens signed with the old one keep working until they expire.
 */
export async function rotateSigningKey({ ctx }: { ctx: RequestContext }): Promise<{ kid: string }> {
  return audited(ctx, { name: "rotateSigningKey", service: ACCOUNTS_SERVICE }, async (scope) => {
    await requireMetastoreAdmin(ctx);
    const kid = await scope.commit(async (tx) => {
      const id = await ctx.services.identity.keys.rotate(tx);
      scope.detail("kid", id);
      return id;
    });
    ctx.services.identity.keys.forget();
    return { kid };
  });
}
