import { decodeJwt, decodeProtectedHeader, errors } from "jose";

/**
 * Signature algorithms Lakeward accepts from anyone (issue 3 §1): asymmetric only. `none`
 * and the HMAC family are never in this list, which is what defeats both the unsigned-token
 * trick and "HS256 signed with the provider's public key".
 */
export const ASYMMETRIC_ALGORITHMS = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA", "Ed25519"];

/** Upper bound on tolerated clock difference, whatever the config says. */
export const MAX_CLOCK_SKEW_SECONDS = 60;

/**
 * A token that was refused, with a short reason for the audit log. The reason never holds
 * the token or any claim value, so it can be written anywhere.
 */
export class TokenRejected extends Error {
  constructor(readonly reason: string) {
    super(`token rejected: ${reason}`);
    this.name = "TokenRejected";
  }
}

/** The `iss` of a compact JWT, read without verifying it (to pick a verifier), or undefined. */
export function peekIssuer(token: string): string | undefined {
  if (token.split(".").length !== 3) return undefined;
  try {
    decodeProtectedHeader(token);
    const iss = decodeJwt(token).iss;
    return typeof iss === "string" ? iss : undefined;
  } catch {
    return undefined;
  }
}

/** Turns a jose failure into a reason fit for the audit log. */
export function rejectionOf(err: unknown): TokenRejected {
  if (err instanceof TokenRejected) return err;
  if (err instanceof errors.JWTExpired) return new TokenRejected("expired");
  if (err instanceof errors.JWTClaimValidationFailed) return new TokenRejected(`claim ${err.claim} failed: ${err.reason}`);
  if (err instanceof errors.JOSEAlgNotAllowed || err instanceof errors.JOSENotSupported) return new TokenRejected("algorithm not allowed");
  if (err instanceof errors.JWSSignatureVerificationFailed) return new TokenRejected("bad signature");
  if (err instanceof errors.JWKSNoMatchingKey) return new TokenRejected("unknown signing key");
  if (err instanceof errors.JWKSMultipleMatchingKeys) return new TokenRejected("ambiguous signing key");
  if (err instanceof errors.JWKSTimeout) return new TokenRejected("key set fetch timed out");
  if (err instanceof errors.JWSInvalid || err instanceof errors.JWTInvalid) return new TokenRejected("malformed token");
  if (err instanceof errors.JOSEError) return new TokenRejected(`verification failed (${err.code})`);
  return new TokenRejected("key set unavailable");
}
