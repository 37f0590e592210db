import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import type { CredentialsConfig } from "./config";
import { StsError, type AssumeRoleRequest, type AssumedCredentials, type Sts } from "./sts";

/**
 * The STS port over @aws-sdk/client-sts, which signs with SigV4 and runs on Node and, through
 * its fetch handler, on Workers. Region, endpoint and Lakeward's own keys come from config;
 * without keys the SDK's default chain applies (Node only: Workers have no instance profile).
 */
export class AwsSts implements Sts {
  private readonly client: STSClient;

  constructor(config: CredentialsConfig) {
    this.client = new STSClient({
      region: config.awsRegion,
      ...(config.stsEndpoint ? { endpoint: config.stsEndpoint } : {}),
      ...(config.awsCredentials ? { credentials: config.awsCredentials } : {}),
    });
  }

  async assumeRole(request: AssumeRoleRequest): Promise<AssumedCredentials> {
    let out;
    try {
      out = await this.client.send(
        new AssumeRoleCommand({
          RoleArn: request.roleArn,
          ExternalId: request.externalId,
          RoleSessionName: request.roleSessionName,
          DurationSeconds: request.durationSeconds,
          Policy: request.policy,
        }),
      );
    } catch (err) {
      throw toStsError(err);
    }
    const c = out.Credentials;
    if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken || !c.Expiration) {
      throw new StsError("InvalidResponse", "STS answered AssumeRole without complete credentials.");
    }
    return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken, expiration: c.Expiration.getTime() };
  }
}

/** The SDK's service exceptions carry the AWS code as `name` and the status in `$metadata`. */
function toStsError(err: unknown): StsError {
  const e = err as { name?: string; Code?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  const status = e.$metadata?.httpStatusCode;
  if (status === undefined) return new StsError("NetworkError", `STS could not be reached: ${e.message ?? String(err)}`);
  // Modelled errors are named like MalformedPolicyDocumentException; AWS's code lacks the suffix.
  const code = e.Code ?? e.name?.replace(/Exception$/, "") ?? "Unknown";
  return new StsError(code, e.message ?? "STS refused the request.", status);
}
