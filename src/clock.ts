/** Time as a port, so tests can move it (token expiry, credential caches). */
export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };
