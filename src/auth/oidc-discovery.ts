import { createRemoteJWKSet, type JWTVerifyGetKey } from "jose";
import { TokenRejected } from "./jwt-policy";

/** How long a failed discovery is remembered, so a provider outage is not a fetch per request. */
const DISCOVERY_RETRY_MS = 5_000;
const FETCH_TIMEOUT_MS = 5_000;

/**
 * The signing keys of one allow-listed issuer, found the way OpenID Connect Discovery says:
 * `<issuer>/.well-known/openid-configuration`, whose `issuer` must equal ours exactly, then its
 * `jwks_uri`. jose's remote key set caches the keys and fetches them again when a token names
 * a `kid` it does not know (a rotation at the provider), at most once per cooldown.
 */
export class IssuerKeys {
  private keySet: JWTVerifyGetKey | undefined;
  private pending: Promise<JWTVerifyGetKey> | undefined;
  private failedAt = Number.NEGATIVE_INFINITY;

  constructor(
    readonly issuer: string,
    private readonly options: { cooldownMs: number; allowHttp: boolean; fetch?: typeof fetch },
  ) {}

  /** The key resolver for jwtVerify; throws TokenRejected when discovery fails. */
  async resolver(): Promise<JWTVerifyGetKey> {
    if (this.keySet) return this.keySet;
    if (Date.now() - this.failedAt < DISCOVERY_RETRY_MS) throw new TokenRejected("issuer discovery failed");
    this.pending ??= this.discover()
      .then((keySet) => (this.keySet = keySet))
      .catch((err) => {
        this.failedAt = Date.now();
        throw err instanceof TokenRejected ? err : new TokenRejected("issuer discovery failed");
      })
      .finally(() => (this.pending = undefined));
    return this.pending;
  }

  private async discover(): Promise<JWTVerifyGetKey> {
    const url = `${this.issuer.replace(/\/+$/, "")}/.well-known/openid-configuration`;
    const res = await (this.options.fetch ?? fetch)(url, {
      headers: { accept: "application/json" },
      redirect: "manual",
      signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
    });
    if (res.status !== 200) throw new TokenRejected("issuer discovery failed");
    const doc = (await res.json()) as { issuer?: unknown; jwks_uri?: unknown };
    // OIDC Discovery §4.3: the document must name exactly the issuer we asked about.
    if (doc.issuer !== this.issuer) throw new TokenRejected("discovery issuer mismatch");
    if (typeof doc.jwks_uri !== "string") throw new TokenRejected("discovery without jwks_uri");
    const jwksUri = new URL(doc.jwks_uri);
    if (jwksUri.protocol !== "https:" && !(this.options.allowHttp && jwksUri.protocol === "http:")) {
      throw new TokenRejected("jwks_uri is not https");
    }
    return createRemoteJWKSet(jwksUri, {
      cooldownDuration: this.options.cooldownMs,
      cacheMaxAge: 10 * 60_000,
      timeoutDuration: FETCH_TIMEOUT_MS,
    });
  }
}
