/**
 * A protocol-level AWS STS stand-in for tests — NOT AWS, and not an STS for production.
 *
 * No real STS is reachable offline, so credential vending is tested against this: a real HTTP
 * server on 127.0.0.1 that speaks the AWS Query protocol STS uses (form-encoded POST, XML
 * answers) for the one action Lakeward calls, AssumeRole, and checks each request the way AWS
 * would before answering:
 *   - SigV4: the `Authorization` header is re-computed with @smithy/signature-v4 (service
 *     `sts`, the configured region) over exactly the signed headers and the body, with the
 *     known secret of Lakeward's identity; unknown keys, bad scopes, clock skew over 15 minutes
 *     and wrong signatures are refused with AWS's codes;
 *   - Action=AssumeRole and Version=2011-06-15;
 *   - RoleArn shape and length (20–2048), RoleSessionName charset `[\w+=,.@-]` and length 2–64,
 *     ExternalId charset and length (2–1224), DurationSeconds within 900 s and the role's
 *     maximum session duration, Policy at most 2048 characters of valid JSON with a Version
 *     and Statement;
 *   - the role must be registered here, and the ExternalId must equal the one its trust
 *     policy demands (AccessDenied otherwise, as AWS answers).
 * Every well-signed AssumeRole is recorded (parsed, policy decoded) so tests can assert the
 * exact calls; answers are real-looking AssumeRoleResponse XML with fresh ASIA… keys.
 */
import { createHash, createHmac, randomBytes, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { SignatureV4 } from "@smithy/signature-v4";
import type { Checksum, SourceData } from "@smithy/types";

export interface StsRole {
  /** The external id the role's trust policy requires (none: any or no external id). */
  externalId?: string;
  /** The role's maximum session duration in seconds (AWS default 3600). */
  maxSessionSeconds?: number;
}

export interface StsTestServerOptions {
  accessKeyId?: string;
  secretAccessKey?: string;
  region?: string;
  /** Epoch ms "now" for Expiration (tests move time); the signature check uses real time. */
  now?: () => number;
  /** Told of every key pair issued, e.g. to make the S3 test server trust it (`S3TestServer.trust`). */
  onIssue?: (issued: AssumeRoleCall["issued"]) => void;
}

/** One accepted AssumeRole call, as the server understood it. */
export interface AssumeRoleCall {
  roleArn: string;
  roleSessionName: string;
  externalId?: string;
  durationSeconds: number;
  policy?: any;
  policyText?: string;
  /** The access key id that signed the request (Lakeward's identity). */
  signedBy: string;
  /** What the server answered (so tests can match returned keys). */
  issued: { accessKeyId: string; secretAccessKey: string; sessionToken: string; expiration: string };
}

export interface StsTestServer {
  endpoint: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  /** AssumeRole calls that passed every check, in order. */
  calls: AssumeRoleCall[];
  /** Requests refused, with the AWS error code, in order. */
  refusals: { code: string; message: string }[];
  /** Register (or replace) a role that may be assumed. */
  addRole(arn: string, role?: StsRole): void;
  close(): Promise<void>;
}

/** Node's SHA-256 and HMAC behind the Checksum interface SignatureV4 expects. */
class NodeSha256 implements Checksum {
  private h;
  constructor(private readonly secret?: SourceData) {
    this.h = this.make();
  }
  private make() {
    return this.secret === undefined ? createHash("sha256") : createHmac("sha256", Buffer.from(this.secret as Uint8Array));
  }
  update(data: Uint8Array): void {
    this.h.update(data);
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.h.digest());
  }
  reset(): void {
    this.h = this.make();
  }
}

const ROLE_ARN = /^arn:aws:iam::\d{12}:role\/[\w+=,.@\/-]+$/;
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;
const EXTERNAL_ID = /^[\w+=,.@:\/-]{2,1224}$/;

class Refusal extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Starts the server on an ephemeral loopback port. */
export async function startStsTestServer(options: StsTestServerOptions = {}): Promise<StsTestServer> {
  const accessKeyId = options.accessKeyId ?? "AKIDLAKEWARDSTS";
  const secretAccessKey = options.secretAccessKey ?? "lakeward-sts-test-secret";
  const region = options.region ?? "us-east-1";
  const now = options.now ?? Date.now;
  const roles = new Map<string, StsRole>();
  const calls: AssumeRoleCall[] = [];
  const refusals: { code: string; message: string }[] = [];
  const signer = new SignatureV4({ credentials: { accessKeyId, secretAccessKey }, region, service: "sts", sha256: NodeSha256 });

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      handle(req, Buffer.concat(chunks))
        .then((xml) => send(res, 200, xml))
        .catch((err) => {
          const r = err instanceof Refusal ? err : new Refusal(500, "InternalFailure", String(err));
          refusals.push({ code: r.code, message: r.message });
          send(res, r.status, errorXml(r));
        });
    });
  });

  async function handle(req: IncomingMessage, body: Buffer): Promise<string> {
    if (req.method !== "POST") throw new Refusal(400, "InvalidAction", "STS actions are POSTed as form data.");
    const signedBy = await verifySignature(req, body);
    const form = new URLSearchParams(body.toString("utf8"));
    if (form.get("Action") !== "AssumeRole") throw new Refusal(400, "InvalidAction", `Could not find operation ${form.get("Action")} for version ${form.get("Version")}`);
    if (form.get("Version") !== "2011-06-15") throw new Refusal(400, "InvalidAction", "Version must be 2011-06-15.");
    const call = validate(form, signedBy);
    const role = roles.get(call.roleArn);
    if (!role || (role.externalId !== undefined && role.externalId !== call.externalId)) {
      throw new Refusal(403, "AccessDenied", `User: arn:aws:iam::111122223333:user/lakeward is not authorized to perform: sts:AssumeRole on resource: ${call.roleArn}`);
    }
    if (call.durationSeconds > (role.maxSessionSeconds ?? 3600)) {
      throw new Refusal(400, "ValidationError", "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
    }
    const issued = {
      accessKeyId: "ASIA" + randomBytes(8).toString("hex").toUpperCase(),
      secretAccessKey: randomBytes(30).toString("base64"),
      sessionToken: "IQoJb3JpZ2luX2VjE" + randomBytes(96).toString("base64"),
      expiration: new Date(now() + call.durationSeconds * 1000).toISOString().replace(/\.\d{3}Z$/, "Z"),
    };
    calls.push({ ...call, issued });
    options.onIssue?.(issued);
    return assumeRoleXml(call, issued);
  }

  function validate(form: URLSearchParams, signedBy: string): Omit<AssumeRoleCall, "issued"> {
    const roleArn = form.get("RoleArn") ?? "";
    if (roleArn.length < 20 || roleArn.length > 2048 || !ROLE_ARN.test(roleArn)) throw new Refusal(400, "ValidationError", `${roleArn} is invalid`);
    const roleSessionName = form.get("RoleSessionName") ?? "";
    if (!SESSION_NAME.test(roleSessionName)) {
      throw new Refusal(400, "ValidationError", "1 validation error detected: Value at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]* and length 2-64");
    }
    const externalId = form.get("ExternalId") ?? undefined;
    if (externalId !== undefined && !EXTERNAL_ID.test(externalId)) throw new Refusal(400, "ValidationError", "Value at 'externalId' failed to satisfy constraint.");
    const durationSeconds = Number(form.get("DurationSeconds") ?? 3600);
    if (!Number.isInteger(durationSeconds) || durationSeconds < 900 || durationSeconds > 43_200) {
      throw new Refusal(400, "ValidationError", "Value at 'durationSeconds' failed to satisfy constraint: Member must have value between 900 and 43200");
    }
    const policyText = form.get("Policy") ?? undefined;
    let policy: any;
    if (policyText !== undefined) {
      if (policyText.length > 2048) throw new Refusal(400, "ValidationError", "Value at 'policy' failed to satisfy constraint: Member must have length less than or equal to 2048");
      try {
        policy = JSON.parse(policyText);
      } catch {
        throw new Refusal(400, "MalformedPolicyDocument", "Syntax errors in policy.");
      }
      if (policy?.Version !== "2012-10-17" || !Array.isArray(policy.Statement)) throw new Refusal(400, "MalformedPolicyDocument", "Policy needs Version 2012-10-17 and a Statement list.");
    }
    return { roleArn, roleSessionName, externalId, durationSeconds, policy, policyText, signedBy };
  }

  /** Returns the access key that signed the request, or throws AWS's refusal. */
  async function verifySignature(req: IncomingMessage, body: Buffer): Promise<string> {
    const header = String(req.headers.authorization ?? "");
    const m = /^AWS4-HMAC-SHA256 Credential=([^,]+), ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/.exec(header);
    if (!m) throw new Refusal(403, "MissingAuthenticationToken", "Request is missing Authentication Token");
    const [, credential, signedHeaders, signature] = m as unknown as [string, string, string, string];
    const [akid, , scopeRegion, service, terminator] = credential.split("/");
    if (akid !== accessKeyId) throw new Refusal(403, "InvalidClientTokenId", "The security token included in the request is invalid.");
    if (scopeRegion !== region || service !== "sts" || terminator !== "aws4_request") {
      throw new Refusal(403, "SignatureDoesNotMatch", `Credential should be scoped to a valid region and service 'sts' (${region}).`);
    }
    const date = parseAmzDate(String(req.headers["x-amz-date"] ?? ""));
    if (!date) throw new Refusal(403, "IncompleteSignature", "x-amz-date is missing or invalid.");
    if (Math.abs(Date.now() - date.getTime()) > 15 * 60_000) throw new Refusal(403, "SignatureDoesNotMatch", "Signature expired: the request time is too far from the server time.");
    const headers: Record<string, string> = {};
    for (const name of signedHeaders.split(";")) {
      const value = req.headers[name];
      if (value === undefined) throw new Refusal(403, "SignatureDoesNotMatch", `Signed header ${name} is missing.`);
      headers[name] = Array.isArray(value) ? value.join(",") : value;
    }
    const url = new URL(req.url ?? "/", "http://localhost");
    const query = Object.fromEntries(url.searchParams);
    const signed = await signer.sign(
      { method: req.method ?? "POST", protocol: "http:", hostname: url.hostname, path: url.pathname, query, headers, body },
      { signingDate: date, signingRegion: region, signingService: "sts" },
    );
    const expected = /Signature=([0-9a-f]{64})/.exec(String(signed.headers.authorization))?.[1];
    if (expected !== signature) {
      throw new Refusal(403, "SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided.");
    }
    return akid;
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    region,
    credentials: { accessKeyId, secretAccessKey },
    calls,
    refusals,
    addRole: (arn, role = {}) => void roles.set(arn, role),
    close: () => new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}

function assumeRoleXml(call: Omit<AssumeRoleCall, "issued">, issued: AssumeRoleCall["issued"]): string {
  const [, account, roleName] = /^arn:aws:iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(call.roleArn)!;
  const packed = call.policyText ? Math.min(99, Math.ceil((call.policyText.length / 2048) * 100)) : 0;
  return `<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <AssumeRoleResult>
    <AssumedRoleUser>
      <AssumedRoleId>AROA${randomBytes(8).toString("hex").toUpperCase()}:${xml(call.roleSessionName)}</AssumedRoleId>
      <Arn>arn:aws:sts::${account}:assumed-role/${xml(roleName!)}/${xml(call.roleSessionName)}</Arn>
    </AssumedRoleUser>
    <Credentials>
      <AccessKeyId>${issued.accessKeyId}</AccessKeyId>
      <SecretAccessKey>${xml(issued.secretAccessKey)}</SecretAccessKey>
      <SessionToken>${xml(issued.sessionToken)}</SessionToken>
      <Expiration>${issued.expiration}</Expiration>
    </Credentials>
    <PackedPolicySize>${packed}</PackedPolicySize>
  </AssumeRoleResult>
  <ResponseMetadata>
    <RequestId>${randomUUID()}</RequestId>
  </ResponseMetadata>
</AssumeRoleResponse>`;
}

function errorXml(r: Refusal): string {
  const type = r.status >= 500 ? "Receiver" : "Sender";
  return `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <Error>
    <Type>${type}</Type>
    <Code>${r.code}</Code>
    <Message>${xml(r.message)}</Message>
  </Error>
  <RequestId>${randomUUID()}</RequestId>
</ErrorResponse>`;
}

function send(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { "Content-Type": "text/xml", "x-amzn-RequestId": randomUUID() }).end(body);
}

function parseAmzDate(s: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(s);
  return m ? new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!)) : undefined;
}

function xml(s: string): string {
  return s.replace(/[<>&'"]/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", "'": "&apos;", '"': "&quot;" })[c]!);
}
