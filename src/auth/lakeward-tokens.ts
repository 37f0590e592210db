import { SignJWT, decodeProtectedHeader, jwtVerify, type JWTPayload } from "jose";
import type { Services } from "../services";
import { LAKEWARD_AUDIENCE } from "./identity-config";
import { LAKEWARD_ALG } from "./signing-keys";
import { MAX_CLOCK_SKEW_SECONDS, TokenRejected, peekIssuer, rejectionOf } from "./jwt-policy";
import type { PrincipalRow } from "./principals";

/** RFC 9068's media type for JWT access tokens; refuses an ID token passed off as one. */
const ACCESS_TOKEN_TYP = "at+jwt";

export interface IssuedLakewardToken {
  accessToken: string;
  jti: string;
  expiresIn: number;
  expiresAt: number;
  scope: string;
}

/** The verified facts of one of Lakeward's own tokens. */
export interface LakewardTokenClaims {
  principalId: string;
  jti: string;
  /** Epoch ms. */
  expiresAt: number;
}

/**
 * Signs a short-lived access token for a principal (token exchange, client credentials).
 * `sub` is the principal id, not its name, so a renamed user keeps nobody else's access.
 */
export async function issueLakewardToken(services: Services, principal: PrincipalRow, scope = "all-apis"): Promise<IssuedLakewardToken> {
  const { identity } = services.config;
  const { kid, key } = await services.identity.keys.signingKey();
  const now = services.clock.now();
  const iat = Math.floor(now / 1000);
  const exp = iat + identity.accessTokenTtlSeconds;
  const jti = crypto.randomUUID();
  const accessToken = await new SignJWT({ name: principal.name, kind: principal.kind, scope })
    .setProtectedHeader({ alg: LAKEWARD_ALG, kid, typ: ACCESS_TOKEN_TYP })
    .setIssuer(identity.tokenIssuer)
    .setAudience(LAKEWARD_AUDIENCE)
    .setSubject(principal.id)
    .setJti(jti)
    .setIssuedAt(iat)
    .setExpirationTime(exp)
    .sign(key);
  return { accessToken, jti, expiresIn: exp - iat, expiresAt: exp * 1000, scope };
}

/** Whether a token says Lakeward issued it (unverified; picks this verifier). */
export function claimsLakewardIssuer(token: string, services: Services): boolean {
  return peekIssuer(token) === services.config.identity.tokenIssuer;
}

/** Verifies one of Lakeward's tokens; throws TokenRejected with a reason. */
export async function verifyLakewardToken(services: Services, token: string): Promise<LakewardTokenClaims> {
  let payload: JWTPayload;
  try {
    const { kid } = decodeProtectedHeader(token);
    const key = typeof kid === "string" ? await services.identity.keys.verificationKey(kid) : undefined;
    if (!key) throw new TokenRejected("unknown signing key");
    ({ payload } = await jwtVerify(token, key, {
      issuer: services.config.identity.tokenIssuer,
      audience: LAKEWARD_AUDIENCE,
      algorithms: [LAKEWARD_ALG],
      typ: ACCESS_TOKEN_TYP,
      clockTolerance: MAX_CLOCK_SKEW_SECONDS,
      currentDate: new Date(services.clock.now()),
      requiredClaims: ["exp", "sub", "jti"],
    }));
  } catch (err) {
    throw rejectionOf(err);
  }
  return { principalId: payload.sub!, jti: payload.jti!, expiresAt: payload.exp! * 1000 };
}
