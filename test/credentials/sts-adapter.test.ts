import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AwsSts } from "../../src/credentials/aws-sts";
import { StsError } from "../../src/credentials/sts";
import { parseCredentialsEnv } from "../../src/credentials/config";
import { startStsTestServer, type StsTestServer } from "../support/sts-server";

const ROLE = "arn:aws:iam::123456789012:role/lakeward-data";
const POLICY = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["s3:GetO*"], Resource: ["arn:aws:s3:::b/p/*"] }] });

let sts: StsTestServer;
let adapter: AwsSts;
beforeAll(async () => {
  sts = await startStsTestServer();
  sts.addRole(ROLE, { externalId: "ext-123", maxSessionSeconds: 7200 });
  adapter = new AwsSts(
    parseCredentialsEnv({
      LAKEWARD_STS_ENDPOINT: sts.endpoint,
      LAKEWARD_AWS_REGION: sts.region,
      LAKEWARD_AWS_ACCESS_KEY_ID: sts.credentials.accessKeyId,
      LAKEWARD_AWS_SECRET_ACCESS_KEY: sts.credentials.secretAccessKey,
    }),
  );
});
afterAll(() => sts.close());

const request = (extra: Partial<Parameters<AwsSts["assumeRole"]>[0]> = {}) => ({
  roleArn: ROLE,
  externalId: "ext-123",
  roleSessionName: "lakeward-alice@example.com",
  durationSeconds: 3600,
  policy: POLICY,
  ...extra,
});

describe("AwsSts over the STS protocol server", () => {
  it("signs AssumeRole with SigV4 and parses the XML answer", async () => {
    const before = Date.now();
    const out = await adapter.assumeRole(request());
    const call = sts.calls.at(-1)!;
    expect(call).toMatchObject({ roleArn: ROLE, externalId: "ext-123", roleSessionName: "lakeward-alice@example.com", durationSeconds: 3600, signedBy: sts.credentials.accessKeyId });
    expect(call.policy).toEqual(JSON.parse(POLICY));
    expect(out).toEqual({ accessKeyId: call.issued.accessKeyId, secretAccessKey: call.issued.secretAccessKey, sessionToken: call.issued.sessionToken, expiration: Date.parse(call.issued.expiration) });
    expect(out.accessKeyId).toMatch(/^ASIA/);
    expect(out.expiration).toBeGreaterThanOrEqual(before + 3599_000);
  });

  it("maps AWS refusals to StsError with AWS's code and status", async () => {
    const cases: [Partial<Parameters<AwsSts["assumeRole"]>[0]>, string][] = [
      [{ externalId: "wrong-id" }, "AccessDenied"],
      [{ roleArn: "arn:aws:iam::123456789012:role/unknown" }, "AccessDenied"],
      [{ durationSeconds: 10_800 }, "ValidationError"],
      [{ durationSeconds: 60 }, "ValidationError"],
      [{ roleSessionName: "has space" }, "ValidationError"],
      [{ policy: "{not json" }, "MalformedPolicyDocument"],
      [{ policy: JSON.stringify({ Version: "2012-10-17", Statement: [], pad: "x".repeat(2100) }) }, "ValidationError"],
    ];
    for (const [extra, code] of cases) {
      const err = await adapter.assumeRole(request(extra)).catch((e) => e);
      expect(err, code).toBeInstanceOf(StsError);
      expect(err.code).toBe(code);
      expect(err.status).toBeGreaterThanOrEqual(400);
    }
  });

  it("refuses a request signed with another secret, and reports unreachable endpoints as NetworkError", async () => {
    const forged = new AwsSts(
      parseCredentialsEnv({ LAKEWARD_STS_ENDPOINT: sts.endpoint, LAKEWARD_AWS_ACCESS_KEY_ID: sts.credentials.accessKeyId, LAKEWARD_AWS_SECRET_ACCESS_KEY: "not-the-secret" }),
    );
    const err = await forged.assumeRole(request()).catch((e) => e);
    expect([err.code, err.status]).toEqual(["SignatureDoesNotMatch", 403]);
    expect(sts.refusals.at(-1)!.code).toBe("SignatureDoesNotMatch");
    const nowhere = new AwsSts(parseCredentialsEnv({ LAKEWARD_STS_ENDPOINT: "http://127.0.0.1:9", AWS_ACCESS_KEY_ID: "a", AWS_SECRET_ACCESS_KEY: "b" }));
    expect((await nowhere.assumeRole(request()).catch((e) => e)).code).toBe("NetworkError");
  });
});

describe("credentials config", () => {
  it("defaults, bounds and safety checks", () => {
    expect(parseCredentialsEnv({})).toEqual({ awsRegion: "us-east-1", durationSeconds: 3600, awsCredentials: undefined, stsEndpoint: undefined, awsIamArn: undefined, s3Endpoint: undefined, s3ForcePathStyle: false });
    expect(parseCredentialsEnv({ AWS_ACCESS_KEY_ID: "a", AWS_SECRET_ACCESS_KEY: "b", AWS_SESSION_TOKEN: "t" }).awsCredentials).toEqual({ accessKeyId: "a", secretAccessKey: "b", sessionToken: "t" });
    expect(parseCredentialsEnv({ AWS_ACCESS_KEY_ID: "a", AWS_SECRET_ACCESS_KEY: "b", LAKEWARD_AWS_ACCESS_KEY_ID: "c", LAKEWARD_AWS_SECRET_ACCESS_KEY: "d" }).awsCredentials).toEqual({ accessKeyId: "c", secretAccessKey: "d" });
    expect(() => parseCredentialsEnv({ LAKEWARD_CREDENTIAL_DURATION_SECONDS: "600" })).toThrow(/LAKEWARD_CREDENTIAL_DURATION_SECONDS/);
    expect(() => parseCredentialsEnv({ LAKEWARD_CREDENTIAL_DURATION_SECONDS: "43201" })).toThrow(/LAKEWARD_CREDENTIAL_DURATION_SECONDS/);
    expect(() => parseCredentialsEnv({ AWS_ACCESS_KEY_ID: "a" })).toThrow(/SECRET_ACCESS_KEY/);
    expect(() => parseCredentialsEnv({ LAKEWARD_STS_ENDPOINT: "http://sts.example.com" })).toThrow(/https/);
    expect(parseCredentialsEnv({ LAKEWARD_STS_ENDPOINT: "https://sts.eu-west-1.amazonaws.com" }).stsEndpoint).toBe("https://sts.eu-west-1.amazonaws.com");
    // The S3 endpoint carries table data: https, or http on loopback (issue 5 §1).
    expect(() => parseCredentialsEnv({ LAKEWARD_S3_ENDPOINT: "http://minio.example.com:9000" })).toThrow(/LAKEWARD_S3_ENDPOINT: must be https/);
    expect(parseCredentialsEnv({ LAKEWARD_S3_ENDPOINT: "http://127.0.0.1:9000", LAKEWARD_S3_FORCE_PATH_STYLE: "true" })).toMatchObject({ s3Endpoint: "http://127.0.0.1:9000", s3ForcePathStyle: true });
    expect(() => parseCredentialsEnv({ LAKEWARD_S3_FORCE_PATH_STYLE: "yes" })).toThrow(/LAKEWARD_S3_FORCE_PATH_STYLE/);
  });
});
