import { z } from "zod";

/** The `sharing` section of the config (issue 8; docs/sharing.md). */
export interface SharingConfig {
  /**
   * Lifetime of a recipient bearer token, counted from its creation (Databricks' metastore
   * setting "recipient token lifetime"); null: tokens never expire.
   * LAKEWARD_SHARING_TOKEN_LIFETIME_SECONDS, default 90 days, 0 for no expiry.
   */
  tokenLifetimeSeconds: number | null;
  /**
   * Lifetime of the file URLs handed to recipients. Spark refreshes URLs with less than
   * 15 minutes left (digest A.11), so the default is the reference server's hour.
   * LAKEWARD_SHARING_URL_LIFETIME_SECONDS.
   */
  fileUrlLifetimeSeconds: number;
  /**
   * Take the client address for recipient IP access lists from the last X-Forwarded-For hop
   * (LAKEWARD_SHARING_TRUST_FORWARDED_FOR). Off by default: anyone can send that header, so
   * only a deployment behind a proxy that sets it may trust it.
   */
  trustForwardedFor: boolean;
}

const flag = z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1");

const sharingEnv = z.object({
  LAKEWARD_SHARING_TOKEN_LIFETIME_SECONDS: z.coerce.number().int().min(0).max(10 * 365 * 86_400).default(90 * 86_400),
  LAKEWARD_SHARING_URL_LIFETIME_SECONDS: z.coerce.number().int().min(60).max(7 * 86_400).default(3_600),
  LAKEWARD_SHARING_TRUST_FORWARDED_FOR: flag.default(false),
});

/** Parses the sharing settings from an environment map (empty values count as unset). */
export function parseSharingEnv(env: Record<string, string | undefined>): SharingConfig {
  const present = Object.fromEntries(Object.entries(env).filter(([k, v]) => k.startsWith("LAKEWARD_SHARING_") && v !== ""));
  const parsed = sharingEnv.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`Invalid configuration ${issue.path.join(".")}: ${issue.message}`);
  }
  const e = parsed.data;
  return {
    tokenLifetimeSeconds: e.LAKEWARD_SHARING_TOKEN_LIFETIME_SECONDS === 0 ? null : e.LAKEWARD_SHARING_TOKEN_LIFETIME_SECONDS,
    fileUrlLifetimeSeconds: e.LAKEWARD_SHARING_URL_LIFETIME_SECONDS,
    trustForwardedFor: e.LAKEWARD_SHARING_TRUST_FORWARDED_FOR,
  };
}
