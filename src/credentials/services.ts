import type { Clock } from "../clock";
import { LakewardError } from "../errors";
import { VendedCredentialCache } from "./cache";
import type { Sts } from "./sts";

/** What credential vending keeps per process: the STS port and the vended-credential cache. */
export interface CredentialServices {
  sts: Sts;
  cache: VendedCredentialCache;
}

/** Used when an entry wires no STS: S3 vending then fails with a clear message. */
const noSts: Sts = {
  assumeRole: async () => {
    throw new LakewardError("FAILED_PRECONDITION", "This runtime has no STS client configured, so it cannot vend S3 credentials.");
  },
};

/**
 * Builds the credential services. The entries pass their STS adapter (and, on Workers, a
 * cache that outlives one request); tests pass the protocol server's.
 */
export function createCredentialServices(clock: Clock, sts?: Sts, cache?: VendedCredentialCache): CredentialServices {
  return { sts: sts ?? noSts, cache: cache ?? new VendedCredentialCache(clock) };
}
