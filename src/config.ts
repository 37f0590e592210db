import { z } from "zod";
import { parseIdentityEnv, type IdentityConfig } from "./auth/identity-config";
import { parseCredentialsEnv, type CredentialsConfig } from "./credentials/config";
import { parseSharingEnv, type SharingConfig } from "./sharing/config";

/**
 * Configuration, parsed once at the entry from environment variables (DESIGN §6.5) and passed
 * down as a value. Domain code never reads the environment.
 */
export interface Config {
  port: number;
  /** Absolute folder for embedded data (PGlite, admin token, local warehouse). */
  home: string;
  /** postgres:// URL; when absent the Node entry uses PGlite under `home`. */
  databaseUrl?: string;
  /** Metastore storage root for managed tables and volumes (a URL). */
  storageRoot: string;
  /** How this service is reached from outside; used in links it hands out. */
  publicUrl?: string;
  /** Longest a replica may act on cached grants before re-reading the change feed. */
  authzFreshnessMs: number;
  /** Name of the first metastore admin created on an empty database. */
  adminUserName: string;
  /** OIDC issuers, token lifetimes and sign-in switches (issue 3; docs/identity.md). */
  identity: IdentityConfig;
  /** Recipient token lifetime, file URL lifetime, proxy trust (issue 8; docs/sharing.md). */
  sharing: SharingConfig;
  /** STS, Lakeward's AWS identity and vended-credential lifetime (issue 7; docs/credentials.md). */
  credentials: CredentialsConfig;
}

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  LAKEWARD_HOME: z.string().min(1).default("./.lakeward"),
  DATABASE_URL: z.string().url().optional(),
  LAKEWARD_STORAGE_ROOT: z.string().min(1).optional(),
  LAKEWARD_PUBLIC_URL: z.string().url().optional(),
  LAKEWARD_AUTHZ_FRESHNESS_MS: z.coerce.number().int().min(0).max(60_000).default(250),
  LAKEWARD_ADMIN_USER: z.string().min(1).default("admin"),
});

/**
 * Builds the config from an environment map. `resolveHome` turns a relative home into an
 * absolute path (Node passes path.resolve; Workers have no filesystem and keep it as is).
 */
export function parseConfig(
  env: Record<string, string | undefined>,
  resolveHome: (p: string) => string = (p) => p,
): Config {
  const parsed = envSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== "")));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`Invalid configuration ${issue.path.join(".")}: ${issue.message}`);
  }
  const e = parsed.data;
  const home = resolveHome(e.LAKEWARD_HOME);
  return {
    port: e.PORT,
    home,
    databaseUrl: e.DATABASE_URL,
    storageRoot: normalizeRoot(e.LAKEWARD_STORAGE_ROOT ?? `file://${home}/warehouse`),
    publicUrl: e.LAKEWARD_PUBLIC_URL,
    authzFreshnessMs: e.LAKEWARD_AUTHZ_FRESHNESS_MS,
    adminUserName: e.LAKEWARD_ADMIN_USER,
    identity: parseIdentityEnv(env, e.LAKEWARD_PUBLIC_URL),
    sharing: parseSharingEnv(env),
    credentials: parseCredentialsEnv(env),
  };
}

function normalizeRoot(url: string): string {
  return url.replace(/\/+$/, "");
}
