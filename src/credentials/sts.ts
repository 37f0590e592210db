/**
 * The STS port (DESIGN §1 "ports"): the one call credential vending makes to AWS. The adapter
 * over @aws-sdk/client-sts lives in aws-sts.ts; tests point it at a protocol-level server.
 */
export interface AssumeRoleRequest {
  roleArn: string;
  /** The storage credential's external id (confused-deputy protection). */
  externalId: string;
  /** Who the session is for, in STS's charset, at most 64 characters (session-name.ts). */
  roleSessionName: string;
  durationSeconds: number;
  /** The session policy JSON (session-policy.ts); the session gets at most what it allows. */
  policy: string;
}

/** Temporary AWS credentials; `expiration` is epoch milliseconds. */
export interface AssumedCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: number;
}

export interface Sts {
  assumeRole(request: AssumeRoleRequest): Promise<AssumedCredentials>;
}

/**
 * STS said no, or could not be reached. `code` is AWS's error code (AccessDenied,
 * ValidationError, …) or `NetworkError`; `status` is the HTTP status when there was one.
 * The message never carries credentials.
 */
export class StsError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = "StsError";
  }
}
