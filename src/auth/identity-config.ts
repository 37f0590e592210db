import { z } from "zod";

/** One identity provider whose tokens Lakeward accepts (issue 3 §1). */
export interface OidcIssuerConfig {
  /** Exactly the `iss` the provider puts in its tokens and its discovery document. */
  issuer: string;
  /** Accepted `aud` values; at least one, so the audience is always checked. */
  audiences: string[];
}

/** The `identity` section of the config; every unsafe or surprising switch is off by default. */
export interface IdentityConfig {
  /** Allow-list of OIDC issuers (LAKEWARD_OIDC_ISSUERS, a JSON array). Empty: OIDC is off. */
  issuers: OidcIssuerConfig[];
  /** Create a user on the first valid token of an unknown email (LAKEWARD_OIDC_JIT_USERS). */
  jitUsers: boolean;
  /** Make a user's direct groups follow the token's groups claim (LAKEWARD_OIDC_SYNC_GROUPS). */
  syncGroups: boolean;
  /** Name of the groups claim (LAKEWARD_OIDC_GROUPS_CLAIM). */
  groupsClaim: string;
  /** Tolerated clock difference with providers, at most 60 s (LAKEWARD_OIDC_CLOCK_SKEW_SECONDS). */
  clockSkewSeconds: number;
  /** Shortest gap between two JWKS fetches of one issuer (LAKEWARD_OIDC_JWKS_COOLDOWN_SECONDS). */
  jwksCooldownSeconds: number;
  /** Accept http:// issuers — for loopback tests only (LAKEWARD_OIDC_ALLOW_INSECURE_HTTP). */
  allowInsecureHttp: boolean;
  /** `iss` of Lakeward's own JWTs (LAKEWARD_TOKEN_ISSUER; default the public URL or "lakeward"). */
  tokenIssuer: string;
  /** Lifetime of Lakeward JWTs from token exchange and client credentials (LAKEWARD_ACCESS_TOKEN_TTL_SECONDS). */
  accessTokenTtlSeconds: number;
  /** Longest personal access token; null for no limit (LAKEWARD_PAT_MAX_LIFETIME_SECONDS). */
  patMaxLifetimeSeconds: number | null;
}

/** The audience Lakeward puts in, and demands of, its own JWTs. */
export const LAKEWARD_AUDIENCE = "lakeward";

const flag = z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1");

const issuerEntry = z
  .object({
    issuer: z.string().url(),
    audiences: z.array(z.string().min(1)).min(1).optional(),
    audience: z.string().min(1).optional(),
  })
  .refine((e) => e.audiences || e.audience, { message: "each issuer needs `audiences` (or `audience`)" });

const identityEnv = z.object({
  LAKEWARD_OIDC_ISSUERS: z.string().optional(),
  LAKEWARD_OIDC_JIT_USERS: flag.default(false),
  LAKEWARD_OIDC_SYNC_GROUPS: flag.default(false),
  LAKEWARD_OIDC_GROUPS_CLAIM: z.string().min(1).default("groups"),
  LAKEWARD_OIDC_CLOCK_SKEW_SECONDS: z.coerce.number().int().min(0).max(60).default(30),
  LAKEWARD_OIDC_JWKS_COOLDOWN_SECONDS: z.coerce.number().min(0).max(3600).default(30),
  LAKEWARD_OIDC_ALLOW_INSECURE_HTTP: flag.default(false),
  LAKEWARD_TOKEN_ISSUER: z.string().min(1).optional(),
  LAKEWARD_ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(3600),
  LAKEWARD_PAT_MAX_LIFETIME_SECONDS: z.coerce.number().int().min(60).optional(),
});

/** Parses the identity variables; throws a message naming the variable on bad input. */
export function parseIdentityEnv(env: Record<string, string | undefined>, publicUrl: string | undefined): IdentityConfig {
  const present = Object.fromEntries(Object.entries(env).filter(([k, v]) => k.startsWith("LAKEWARD_") && v !== ""));
  const parsed = identityEnv.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`Invalid configuration ${issue.path.join(".")}: ${issue.message}`);
  }
  const e = parsed.data;
  const issuers = parseIssuers(e.LAKEWARD_OIDC_ISSUERS, e.LAKEWARD_OIDC_ALLOW_INSECURE_HTTP);
  return {
    issuers,
    jitUsers: e.LAKEWARD_OIDC_JIT_USERS,
    syncGroups: e.LAKEWARD_OIDC_SYNC_GROUPS,
    groupsClaim: e.LAKEWARD_OIDC_GROUPS_CLAIM,
    clockSkewSeconds: e.LAKEWARD_OIDC_CLOCK_SKEW_SECONDS,
    jwksCooldownSeconds: e.LAKEWARD_OIDC_JWKS_COOLDOWN_SECONDS,
    allowInsecureHttp: e.LAKEWARD_OIDC_ALLOW_INSECURE_HTTP,
    tokenIssuer: e.LAKEWARD_TOKEN_ISSUER ?? publicUrl ?? "lakeward",
    accessTokenTtlSeconds: e.LAKEWARD_ACCESS_TOKEN_TTL_SECONDS,
    patMaxLifetimeSeconds: e.LAKEWARD_PAT_MAX_LIFETIME_SECONDS ?? null,
  };
}

function parseIssuers(text: string | undefined, allowHttp: boolean): OidcIssuerConfig[] {
  if (!text) return [];
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error("Invalid configuration LAKEWARD_OIDC_ISSUERS: not JSON");
  }
  const parsed = z.array(issuerEntry).safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`Invalid configuration LAKEWARD_OIDC_ISSUERS.${issue.path.join(".")}: ${issue.message}`);
  }
  return parsed.data.map((e) => {
    const url = new URL(e.issuer);
    // Keys fetched over plain http can be swapped by anyone on the path (DESIGN §6.6).
    if (url.protocol !== "https:" && !(allowHttp && url.protocol === "http:")) {
      throw new Error(`Invalid configuration LAKEWARD_OIDC_ISSUERS: ${e.issuer} is not https (LAKEWARD_OIDC_ALLOW_INSECURE_HTTP=true allows http)`);
    }
    return { issuer: e.issuer, audiences: e.audiences ?? [e.audience!] };
  });
}
