import { z } from "zod";

/** Lakeward's own AWS identity: the one that assumes each storage credential's role. */
export interface AwsIdentityConfig {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** The `credentials` section of the config (issue 7; docs/credentials.md). */
export interface CredentialsConfig {
  /** Region of the STS client (LAKEWARD_AWS_REGION, else AWS_REGION, else us-east-1). */
  awsRegion: string;
  /** STS endpoint override, e.g. a VPC endpoint or a test server (LAKEWARD_STS_ENDPOINT). */
  stsEndpoint?: string;
  /**
   * Explicit keys (LAKEWARD_AWS_ACCESS_KEY_ID/…, else the standard AWS_ACCESS_KEY_ID/…). When
   * absent the AWS SDK's default chain (instance profile, web identity …) is used on Node.
   */
  awsCredentials?: AwsIdentityConfig;
  /** Shown as `unity_catalog_iam_arn`, for roles' trust policies (LAKEWARD_AWS_IAM_ARN). */
  awsIamArn?: string;
  /** Lifetime asked of STS: 15 min to 12 h, default 1 h (LAKEWARD_CREDENTIAL_DURATION_SECONDS). */
  durationSeconds: number;
  /** S3 endpoint for S3-compatible stores (MinIO, R2) or a test server (LAKEWARD_S3_ENDPOINT). */
  s3Endpoint?: string;
  /** Path-style addressing (`/bucket/key`), which most S3-compatible stores need (LAKEWARD_S3_FORCE_PATH_STYLE). */
  s3ForcePathStyle: boolean;
}

const credentialsEnv = z.object({
  LAKEWARD_AWS_REGION: z.string().min(1).optional(),
  AWS_REGION: z.string().min(1).optional(),
  LAKEWARD_STS_ENDPOINT: z.string().url().optional(),
  LAKEWARD_AWS_ACCESS_KEY_ID: z.string().min(1).optional(),
  LAKEWARD_AWS_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  LAKEWARD_AWS_SESSION_TOKEN: z.string().min(1).optional(),
  AWS_ACCESS_KEY_ID: z.string().min(1).optional(),
  AWS_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  AWS_SESSION_TOKEN: z.string().min(1).optional(),
  LAKEWARD_AWS_IAM_ARN: z.string().regex(/^arn:aws[a-z-]*:(iam|sts)::\d{12}:/, "expected an IAM or STS ARN").optional(),
  // STS accepts 900 s to 43 200 s (the role's own maximum may be lower).
  LAKEWARD_CREDENTIAL_DURATION_SECONDS: z.coerce.number().int().min(900).max(43_200).default(3600),
  LAKEWARD_S3_ENDPOINT: z.string().url().optional(),
  LAKEWARD_S3_FORCE_PATH_STYLE: z.enum(["true", "false"]).optional(),
});

/** Parses the credential-vending variables; throws a message naming the variable on bad input. */
export function parseCredentialsEnv(env: Record<string, string | undefined>): CredentialsConfig {
  const present = Object.fromEntries(Object.entries(env).filter(([k, v]) => k in credentialsEnv.shape && v !== undefined && v !== ""));
  const parsed = credentialsEnv.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`Invalid configuration ${issue.path.join(".")}: ${issue.message}`);
  }
  const e = parsed.data;
  if (e.LAKEWARD_STS_ENDPOINT) checkEndpoint("LAKEWARD_STS_ENDPOINT", e.LAKEWARD_STS_ENDPOINT);
  if (e.LAKEWARD_S3_ENDPOINT) checkEndpoint("LAKEWARD_S3_ENDPOINT", e.LAKEWARD_S3_ENDPOINT);
  return {
    awsRegion: e.LAKEWARD_AWS_REGION ?? e.AWS_REGION ?? "us-east-1",
    stsEndpoint: e.LAKEWARD_STS_ENDPOINT,
    awsCredentials:
      keys("LAKEWARD_AWS", e.LAKEWARD_AWS_ACCESS_KEY_ID, e.LAKEWARD_AWS_SECRET_ACCESS_KEY, e.LAKEWARD_AWS_SESSION_TOKEN) ??
      keys("AWS", e.AWS_ACCESS_KEY_ID, e.AWS_SECRET_ACCESS_KEY, e.AWS_SESSION_TOKEN),
    awsIamArn: e.LAKEWARD_AWS_IAM_ARN,
    durationSeconds: e.LAKEWARD_CREDENTIAL_DURATION_SECONDS,
    s3Endpoint: e.LAKEWARD_S3_ENDPOINT,
    s3ForcePathStyle: e.LAKEWARD_S3_FORCE_PATH_STYLE === "true",
  };
}

/** A key pair, or nothing; half a pair is a configuration mistake worth stopping for. */
function keys(prefix: string, id?: string, secret?: string, token?: string): AwsIdentityConfig | undefined {
  if (!id && !secret) return undefined;
  if (!id || !secret) throw new Error(`Invalid configuration: set both ${prefix}_ACCESS_KEY_ID and ${prefix}_SECRET_ACCESS_KEY.`);
  return { accessKeyId: id, secretAccessKey: secret, ...(token ? { sessionToken: token } : {}) };
}

/**
 * STS answers carry secrets and S3 carries table data, so endpoints must be https; plain http
 * is accepted only on loopback, where test servers and local proxies live.
 */
function checkEndpoint(variable: string, endpoint: string): void {
  const url = new URL(endpoint);
  const loopback = ["127.0.0.1", "localhost", "[::1]"].includes(url.hostname);
  if (url.protocol !== "https:" && !(url.protocol === "http:" && loopback)) {
    throw new Error(`Invalid configuration ${variable}: must be https:// (http:// only on loopback).`);
  }
}
