import type { Config } from "../config";
import type { Db } from "../db/types";
import type { Clock } from "../clock";
import { OidcVerifier } from "./oidc";
import { SigningKeyStore } from "./signing-keys";

/** Per-process identity state: provider key sets and Lakeward's signing keys, both cached. */
export interface IdentityServices {
  oidc: OidcVerifier;
  keys: SigningKeyStore;
}

/** Builds the identity services; `fetcher` lets a runtime supply its own fetch. */
export function createIdentityServices(config: Config, db: Db, clock: Clock, fetcher?: typeof fetch): IdentityServices {
  // A retired key must verify every token it signed: the longest lifetime plus clock skew.
  const graceMs = (config.identity.accessTokenTtlSeconds + 120) * 1000;
  return { oidc: new OidcVerifier(config.identity, clock, fetcher), keys: new SigningKeyStore(db, clock, graceMs) };
}
