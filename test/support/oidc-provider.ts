import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createPublicKey } from "node:crypto";
import Provider from "oidc-provider";
import { SignJWT, exportJWK, generateKeyPair, type JWK, type JWTPayload } from "jose";

/**
 * A real OpenID provider (the `oidc-provider` package) on a random loopback port, for tests
 * that must fetch discovery and JWKS over HTTP like production does. Tokens come two ways:
 * `clientCredentialsToken` asks the provider's own token endpoint for a JWT access token (a
 * resource indicator makes it a JWT); `sign` makes ID-token-like JWTs with the provider's own
 * current key, so tests can also craft expired, mis-addressed and tampered tokens.
 */
export interface TestOidcProvider {
  issuer: string;
  /** The audience tokens are issued for (configure Lakeward with it). */
  audience: string;
  /** Signs claims with the provider's current private key (RS256, its kid). */
  sign(claims: JWTPayload, options?: SignOptions): Promise<string>;
  /** A JWT access token from the provider's token endpoint, carrying `claims`. */
  clientCredentialsToken(claims: Record<string, unknown>): Promise<string>;
  /** Adds a new signing key in front of the old one (the provider signs with it from now on). */
  rotate(): Promise<void>;
  /** PEM of the current public key (for the "HS256 signed with the public key" attack). */
  publicKeyPem(): string;
  /** How many times the JWKS endpoint was fetched. */
  jwksFetches(): number;
  close(): Promise<void>;
}

export interface SignOptions {
  /** Seconds from now; negative for an expired token. */
  expiresIn?: number;
  audience?: string | string[];
  issuer?: string;
  /** Sign with this key (and kid) instead of the provider's. */
  key?: { privateKey: CryptoKey; kid: string };
}

interface KeyPair {
  kid: string;
  privateKey: CryptoKey;
  privateJwk: JWK;
  publicJwk: JWK;
}

const CLIENT = { id: "lakeward-test-client", secret: "lakeward-test-client-secret" };

async function newKey(): Promise<KeyPair> {
  const { publicKey, privateKey } = await generateKeyPair("RS256", { extractable: true });
  const kid = `k-${crypto.randomUUID().slice(0, 8)}`;
  return { kid, privateKey, privateJwk: { ...(await exportJWK(privateKey)), kid, alg: "RS256", use: "sig" }, publicJwk: { ...(await exportJWK(publicKey)), kid } };
}

/** Starts a provider; `audience` is what its tokens are addressed to. */
export async function startOidcProvider(audience = "lakeward-test"): Promise<TestOidcProvider> {
  let handler: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.end();
  let fetches = 0;
  const server: Server = createServer((req, res) => {
    if (req.url?.startsWith("/jwks")) fetches++;
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const keys: KeyPair[] = [await newKey()];
  let nextClaims: Record<string, unknown> = {};

  const build = () => {
    const provider = new Provider(issuer, {
      clients: [{ client_id: CLIENT.id, client_secret: CLIENT.secret, grant_types: ["client_credentials"], redirect_uris: [], response_types: [] }],
      jwks: { keys: keys.map((k) => k.privateJwk) as never },
      features: {
        devInteractions: { enabled: false },
        clientCredentials: { enabled: true },
        resourceIndicators: {
          enabled: true,
          defaultResource: () => "urn:lakeward:test",
          useGrantedResource: () => true,
          getResourceServerInfo: () => ({ scope: "all-apis", audience, accessTokenTTL: 300, accessTokenFormat: "jwt", jwt: { sign: { alg: "RS256" } } }),
        },
      },
      extraTokenClaims: () => nextClaims as never,
      ttl: { ClientCredentials: 300 },
    });
    handler = provider.callback() as never;
  };
  build();

  return {
    issuer,
    audience,
    sign: (claims, options = {}) => {
      const signer = options.key ?? keys[0]!;
      return new SignJWT({ ...claims })
        .setProtectedHeader({ alg: "RS256", kid: signer.kid, typ: "JWT" })
        .setIssuer(options.issuer ?? issuer)
        .setAudience(options.audience ?? audience)
        .setIssuedAt()
        .setExpirationTime(Math.floor(Date.now() / 1000) + (options.expiresIn ?? 300))
        .sign(signer.privateKey);
    },
    clientCredentialsToken: async (claims) => {
      nextClaims = claims;
      const res = await fetch(`${issuer}/token`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", authorization: `Basic ${btoa(`${CLIENT.id}:${CLIENT.secret}`)}` },
        body: new URLSearchParams({ grant_type: "client_credentials", scope: "all-apis", resource: "urn:lakeward:test" }),
      });
      const body = (await res.json()) as { access_token?: string; error?: string };
      if (!body.access_token) throw new Error(`provider refused: ${JSON.stringify(body)}`);
      return body.access_token;
    },
    rotate: async () => {
      keys.unshift(await newKey());
      build();
    },
    publicKeyPem: () => createPublicKey({ key: keys[0]!.publicJwk as never, format: "jwk" }).export({ type: "spki", format: "pem" }).toString(),
    jwksFetches: () => fetches,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A key the provider does not publish, for unknown-kid tests. */
export async function strayKey(): Promise<{ privateKey: CryptoKey; kid: string }> {
  const { privateKey, kid } = await newKey();
  return { privateKey, kid };
}
