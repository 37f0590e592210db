import { jwtVerify, type JWTPayload } from "jose";
import type { Clock } from "../clock";
import type { IdentityConfig, OidcIssuerConfig } from "./identity-config";
import { IssuerKeys } from "./oidc-discovery";
import { ASYMMETRIC_ALGORITHMS, MAX_CLOCK_SKEW_SECONDS, TokenRejected, peekIssuer, rejectionOf } from "./jwt-policy";

/** Who an identity provider says the bearer of a token is. */
export interface OidcIdentity {
  issuer: string;
  /** What names the Lakeward user: the email claim, else `sub`. */
  userName: string;
  displayName?: string;
  /** Group names from the configured groups claim, when the token has one. */
  groups?: string[];
}

/**
 * Verifies JWTs from the allow-listed issuers (issue 3 §1): exact issuer match, keys from the
 * issuer's own discovery + JWKS, asymmetric algorithms only, the configured audiences, `exp`
 * required, clock skew at most 60 s. One instance per process so key sets are shared.
 */
export class OidcVerifier {
  private readonly issuers = new Map<string, { config: OidcIssuerConfig; keys: IssuerKeys }>();

  constructor(
    private readonly config: IdentityConfig,
    private readonly clock: Clock,
    fetcher?: typeof fetch,
  ) {
    for (const issuer of config.issuers) {
      const keys = new IssuerKeys(issuer.issuer, { cooldownMs: config.jwksCooldownSeconds * 1000, allowHttp: config.allowInsecureHttp, fetch: fetcher });
      this.issuers.set(issuer.issuer, { config: issuer, keys });
    }
  }

  /** Whether the token claims to come from an allow-listed issuer (unverified; picks this verifier). */
  handles(token: string): boolean {
    const iss = peekIssuer(token);
    return iss !== undefined && this.issuers.has(iss);
  }

  /** Verifies a token and returns the identity in it; throws TokenRejected with a reason. */
  async verify(token: string): Promise<OidcIdentity> {
    const iss = peekIssuer(token);
    const entry = iss === undefined ? undefined : this.issuers.get(iss);
    if (!entry) throw new TokenRejected("issuer not allowed");
    let payload: JWTPayload;
    try {
      const resolver = await entry.keys.resolver();
      ({ payload } = await jwtVerify(token, resolver, {
        issuer: entry.config.issuer,
        audience: entry.config.audiences,
        algorithms: ASYMMETRIC_ALGORITHMS,
        clockTolerance: Math.min(this.config.clockSkewSeconds, MAX_CLOCK_SKEW_SECONDS),
        currentDate: new Date(this.clock.now()),
        requiredClaims: ["exp", "sub"],
      }));
    } catch (err) {
      throw rejectionOf(err);
    }
    return identityOf(payload, entry.config.issuer, this.config.groupsClaim);
  }
}

function identityOf(payload: JWTPayload, issuer: string, groupsClaim: string): OidcIdentity {
  // An email the provider says it has not verified could be anyone's: fall back to `sub`.
  const email = typeof payload.email === "string" && payload.email_verified !== false ? payload.email : undefined;
  const userName = email ?? payload.sub!;
  if (userName.length === 0 || userName.length > 256) throw new TokenRejected("unusable subject");
  const groups = payload[groupsClaim];
  return {
    issuer,
    userName,
    displayName: typeof payload.name === "string" ? payload.name : undefined,
    groups: Array.isArray(groups) ? groups.filter((g): g is string => typeof g === "string") : undefined,
  };
}
