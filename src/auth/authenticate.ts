import type { Principal, PrincipalKind } from "../context";
import type { Services } from "../services";
import { unauthenticated } from "../errors";
import { principalForAccessToken } from "./access-tokens";
import type { PrincipalRow } from "./principals";

/**
 * A way to turn a bearer token into a principal (PATs here; OIDC JWTs and Lakeward's own
 * JWTs are added by the identity module). Returns undefined when the token is not its kind.
 */
export type BearerAuthenticator = (token: string, services: Services) => Promise<PrincipalRow | undefined>;

export const accessTokenAuthenticator: BearerAuthenticator = (token, services) =>
  principalForAccessToken(services.db, token, services.clock.now());

/**
 * Authenticates an `Authorization: Bearer` header and computes the caller's group closure once
 * for the whole request. Every failure is the same generic 401: the message never says which
 * check failed, nor repeats the token.
 */
export async function authenticateBearer(
  header: string | undefined,
  services: Services,
  authenticators: readonly BearerAuthenticator[],
): Promise<Principal> {
  const match = header?.match(/^Bearer\s+(\S+)\s*$/i);
  if (!match) throw unauthenticated();
  for (const authenticate of authenticators) {
    const row = await authenticate(match[1]!, services);
    if (row) return toPrincipal(row, services);
  }
  throw unauthenticated();
}

/** Builds the request principal, with its group closure, from a principal row. */
export async function toPrincipal(row: PrincipalRow, services: Services): Promise<Principal> {
  await services.authz.cache.refresh();
  const closure = await services.authz.cache.closure(row.id, row.kind);
  return { id: row.id, name: row.name, kind: row.kind as PrincipalKind, closure };
}
