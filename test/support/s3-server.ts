/**
 * A protocol-level S3 test server — NOT an S3 emulator for production, and not AWS.
 *
 * No S3 endpoint is reachable offline, so the S3 adapter is tested against this: a real HTTP
 * server on 127.0.0.1 that speaks the parts of the S3 REST API Lakeward uses, in path-style
 * addressing (`/bucket/key`):
 *   GetObject (with `Range`), HeadObject, ListObjectsV2 (prefix, continuation-token, max-keys,
 *   start-after, encoding-type=url), PutObject (with `If-None-Match: *` → 412), DeleteObject.
 * Every request must be authenticated the way AWS does it, verified with @smithy/signature-v4:
 *   - an `Authorization: AWS4-HMAC-SHA256 …` header: we rebuild the request from exactly the
 *     headers listed in SignedHeaders, sign it again with the known secret, and compare; the
 *     `x-amz-content-sha256` value must match the body unless it is UNSIGNED-PAYLOAD or a
 *     STREAMING-* marker; clock skew over 15 minutes is refused like AWS (RequestTimeTooSkewed);
 *   - or a query-string presigned URL (X-Amz-Algorithm/Credential/Date/Expires/SignedHeaders/
 *     Signature), checked for expiry, so the Delta Sharing work can reuse this server for
 *     presigned file URLs.
 * Besides its own key, it accepts temporary keys a test trusts (`trust`, e.g. the keys the STS
 * test server issues): requests signed with one must carry its `X-Amz-Security-Token`, as AWS
 * demands. It does not evaluate session policies (test/credentials/session-policy.test.ts does).
 * Objects live in memory. Requests are counted per operation so tests can assert "no replay".
 */
import { createHash, createHmac } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { SignatureV4 } from "@smithy/signature-v4";
import type { Checksum, SourceData } from "@smithy/types";

export interface S3TestServerOptions {
  accessKeyId?: string;
  secretAccessKey?: string;
  region?: string;
  buckets?: string[];
}

export interface S3TestServer {
  endpoint: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  /** Operation name → count of authenticated requests served. */
  counts: Map<string, number>;
  /** Accept another key pair from now on (with its session token, for temporary keys). */
  trust(key: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }): void;
  /** Access key ids that signed authenticated requests, in order. */
  signers: string[];
  /** Set an object's LastModified (timestamp tests). */
  setLastModified(bucket: string, key: string, ms: number): void;
  close(): Promise<void>;
}

interface StoredObject {
  data: Buffer;
  lastModified: number;
  etag: string;
}

/** Node's HMAC/SHA-256 behind the Checksum interface that SignatureV4 wants. */
class NodeSha256 implements Checksum {
  private h;
  constructor(private readonly secret?: SourceData) {
    this.h = this.make();
  }
  private make() {
    return this.secret === undefined
      ? createHash("sha256")
      : createHmac("sha256", Buffer.from(this.secret as Uint8Array));
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

/** Start the server on an ephemeral loopback port. */
export async function startS3TestServer(options: S3TestServerOptions = {}): Promise<S3TestServer> {
  const accessKeyId = options.accessKeyId ?? "AKIDLAKEWARDTEST";
  const secretAccessKey = options.secretAccessKey ?? "lakeward-test-secret-key";
  const region = options.region ?? "us-east-1";
  const buckets = new Map<string, Map<string, StoredObject>>();
  for (const b of options.buckets ?? ["test-bucket"]) buckets.set(b, new Map());
  const counts = new Map<string, number>();
  const keys = new Map<string, { secretAccessKey: string; sessionToken?: string }>([[accessKeyId, { secretAccessKey }]]);
  const signers: string[] = [];
  const signerFor = (akid: string) =>
    new SignatureV4({
      credentials: { accessKeyId: akid, secretAccessKey: keys.get(akid)!.secretAccessKey },
      region,
      service: "s3",
      sha256: NodeSha256,
      uriEscapePath: false, // S3 signs the path as sent, without double-encoding
    });

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      handle(req, Buffer.concat(chunks), res).catch((err) => {
        sendError(res, 500, "InternalError", String(err));
      });
    });
  });

  async function handle(req: IncomingMessage, body: Buffer, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://localhost");
    const auth = await authenticate(req, url, body);
    if (auth) return sendError(res, 403, auth.code, auth.message);
    const [, bucketName = "", ...rest] = url.pathname.split("/");
    const key = decodeURIComponent(rest.join("/"));
    const bucket = buckets.get(decodeURIComponent(bucketName));
    if (!bucket) return sendError(res, 404, "NoSuchBucket", "The specified bucket does not exist");
    const method = req.method ?? "GET";
    if (key === "" && method === "GET" && url.searchParams.get("list-type") === "2") {
      count("ListObjectsV2");
      return listObjects(bucketName, bucket, url.searchParams, res);
    }
    if (key === "") return sendError(res, 400, "InvalidRequest", "unsupported bucket operation");
    if (method === "GET" || method === "HEAD") {
      count(method === "GET" ? "GetObject" : "HeadObject");
      return getObject(bucket.get(key), req, res, method === "HEAD");
    }
    if (method === "PUT") {
      count("PutObject");
      const payload = decodeBody(req, body);
      if (req.headers["if-none-match"] === "*" && bucket.has(key)) {
        return sendError(res, 412, "PreconditionFailed", "At least one of the pre-conditions you specified did not hold");
      }
      const etag = `"${createHash("md5").update(payload).digest("hex")}"`;
      bucket.set(key, { data: payload, lastModified: Date.now(), etag });
      res.writeHead(200, { ETag: etag }).end();
      return;
    }
    if (method === "DELETE") {
      count("DeleteObject");
      bucket.delete(key);
      res.writeHead(204).end();
      return;
    }
    sendError(res, 405, "MethodNotAllowed", `${method} is not supported`);
  }

  function count(op: string): void {
    counts.set(op, (counts.get(op) ?? 0) + 1);
  }

  /** Returns an error description, or undefined when the request is authentic. */
  async function authenticate(req: IncomingMessage, url: URL, body: Buffer) {
    const header = req.headers.authorization;
    if (header) return verifyHeader(req, url, body, header);
    if (url.searchParams.has("X-Amz-Signature")) return verifyPresigned(req, url);
    return { code: "AccessDenied", message: "Anonymous access is not allowed" };
  }

  async function verifyHeader(req: IncomingMessage, url: URL, body: Buffer, header: string) {
    const m = /^AWS4-HMAC-SHA256 Credential=([^,]+), ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/.exec(header);
    if (!m) return { code: "AuthorizationHeaderMalformed", message: "malformed Authorization header" };
    const [, credential, signedHeaders, signature] = m as unknown as [string, string, string, string];
    const scopeError = checkScope(credential, String(req.headers["x-amz-security-token"] ?? ""));
    if (scopeError) return scopeError;
    const amzDate = String(req.headers["x-amz-date"] ?? "");
    const date = parseAmzDate(amzDate);
    if (!date) return { code: "AccessDenied", message: "missing or invalid x-amz-date" };
    if (Math.abs(Date.now() - date.getTime()) > 15 * 60_000) {
      return { code: "RequestTimeTooSkewed", message: "The difference between the request time and the current time is too large." };
    }
    const contentSha = String(req.headers["x-amz-content-sha256"] ?? "");
    if (/^[0-9a-f]{64}$/.test(contentSha) && createHash("sha256").update(body).digest("hex") !== contentSha) {
      return { code: "XAmzContentSHA256Mismatch", message: "The provided 'x-amz-content-sha256' header does not match what was computed." };
    }
    const headers: Record<string, string> = {};
    for (const name of signedHeaders.split(";")) {
      const value = req.headers[name];
      if (value === undefined) return { code: "SignatureDoesNotMatch", message: `signed header ${name} missing` };
      headers[name] = Array.isArray(value) ? value.join(",") : value;
    }
    const akid = credential.split("/")[0]!;
    const signed = await signerFor(akid).sign(
      { method: req.method ?? "GET", protocol: "http:", hostname: url.hostname, path: rawPath(req), query: queryOf(url), headers, body },
      { signingDate: date, signingRegion: region, signingService: "s3" },
    );
    const expected = /Signature=([0-9a-f]{64})/.exec(String(signed.headers.authorization))?.[1];
    if (expected === signature) return void signers.push(akid);
    return { code: "SignatureDoesNotMatch", message: "The request signature we calculated does not match the signature you provided." };
  }

  async function verifyPresigned(req: IncomingMessage, url: URL) {
    const q = url.searchParams;
    if (q.get("X-Amz-Algorithm") !== "AWS4-HMAC-SHA256") return { code: "AuthorizationQueryParametersError", message: "unsupported algorithm" };
    const scopeError = checkScope(q.get("X-Amz-Credential") ?? "", q.get("X-Amz-Security-Token") ?? "");
    if (scopeError) return scopeError;
    const date = parseAmzDate(q.get("X-Amz-Date") ?? "");
    const expires = Number(q.get("X-Amz-Expires"));
    if (!date || !Number.isInteger(expires) || expires < 1 || expires > 604800) {
      return { code: "AuthorizationQueryParametersError", message: "invalid X-Amz-Date or X-Amz-Expires" };
    }
    if (Date.now() > date.getTime() + expires * 1000) return { code: "AccessDenied", message: "Request has expired" };
    const headers: Record<string, string> = { "x-amz-content-sha256": "UNSIGNED-PAYLOAD" };
    for (const name of (q.get("X-Amz-SignedHeaders") ?? "").split(";")) {
      const value = req.headers[name];
      if (value === undefined) return { code: "SignatureDoesNotMatch", message: `signed header ${name} missing` };
      headers[name] = Array.isArray(value) ? value.join(",") : value;
    }
    const query = queryOf(url);
    // presign() adds these itself; every other parameter (X-Amz-Content-Sha256, x-id…) is signed.
    for (const k of ["X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date", "X-Amz-Expires", "X-Amz-SignedHeaders", "X-Amz-Signature"]) delete query[k];
    const presigned = await signerFor((q.get("X-Amz-Credential") ?? "").split("/")[0]!).presign(
      { method: req.method ?? "GET", protocol: "http:", hostname: url.hostname, path: rawPath(req), query, headers },
      {
        signingDate: date,
        expiresIn: expires,
        signingRegion: region,
        signingService: "s3",
        // Presigned S3 URLs always sign the payload as UNSIGNED-PAYLOAD; it is not a header.
        unsignableHeaders: new Set(["x-amz-content-sha256"]),
        unhoistableHeaders: new Set(["x-amz-content-sha256"]),
      },
    );
    return presigned.query?.["X-Amz-Signature"] === q.get("X-Amz-Signature")
      ? undefined
      : { code: "SignatureDoesNotMatch", message: "The request signature we calculated does not match the signature you provided." };
  }

  function checkScope(credential: string, sessionToken: string) {
    const [akid = "", , scopeRegion, service, terminator] = credential.split("/");
    const key = keys.get(akid);
    if (!key) return { code: "InvalidAccessKeyId", message: "The AWS Access Key Id you provided does not exist in our records." };
    if (key.sessionToken !== undefined && key.sessionToken !== sessionToken) return { code: "InvalidToken", message: "The provided token is malformed or otherwise invalid." };
    if (scopeRegion !== region || service !== "s3" || terminator !== "aws4_request") {
      return { code: "AuthorizationHeaderMalformed", message: `credential scope must be <date>/${region}/s3/aws4_request` };
    }
    return undefined;
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    region,
    credentials: { accessKeyId, secretAccessKey },
    counts,
    signers,
    trust: (key) => void keys.set(key.accessKeyId, { secretAccessKey: key.secretAccessKey, sessionToken: key.sessionToken }),
    setLastModified(bucket, key, ms) {
      const obj = buckets.get(bucket)?.get(key);
      if (!obj) throw new Error(`no object ${bucket}/${key}`);
      obj.lastModified = ms;
    },
    close: () => new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}

function rawPath(req: IncomingMessage): string {
  const raw = req.url ?? "/";
  const q = raw.indexOf("?");
  return q < 0 ? raw : raw.slice(0, q);
}

function queryOf(url: URL): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of url.searchParams) {
    const prev = out[k];
    out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return out;
}

function parseAmzDate(s: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(s);
  return m ? new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!)) : undefined;
}

/** Undo `Content-Encoding: aws-chunked` (streaming uploads) if the client used it. */
function decodeBody(req: IncomingMessage, body: Buffer): Buffer {
  const enc = String(req.headers["content-encoding"] ?? "");
  if (!enc.split(",").map((s) => s.trim()).includes("aws-chunked")) return body;
  const parts: Buffer[] = [];
  let pos = 0;
  while (pos < body.length) {
    const eol = body.indexOf("\r\n", pos);
    const size = parseInt(body.subarray(pos, eol).toString("latin1").split(";")[0]!, 16);
    pos = eol + 2;
    if (!size) break;
    parts.push(body.subarray(pos, pos + size));
    pos += size + 2;
  }
  return Buffer.concat(parts);
}

function getObject(obj: StoredObject | undefined, req: IncomingMessage, res: ServerResponse, headOnly: boolean): void {
  if (!obj) {
    if (headOnly) return void res.writeHead(404).end();
    return sendError(res, 404, "NoSuchKey", "The specified key does not exist.");
  }
  const base = { ETag: obj.etag, "Last-Modified": new Date(obj.lastModified).toUTCString(), "Accept-Ranges": "bytes" };
  const range = req.headers.range;
  let start = 0;
  let end = obj.data.length - 1;
  let status = 200;
  if (range && !headOnly) {
    const m = /^bytes=(\d*)-(\d*)$/.exec(range);
    if (!m || (m[1] === "" && m[2] === "")) return sendError(res, 400, "InvalidRange", "bad Range header");
    if (m[1] === "") start = Math.max(0, obj.data.length - Number(m[2]));
    else {
      start = Number(m[1]);
      if (m[2] !== "") end = Math.min(end, Number(m[2]));
    }
    if (start >= obj.data.length || start > end) {
      return sendError(res, 416, "InvalidRange", "The requested range is not satisfiable");
    }
    status = 206;
    Object.assign(base, { "Content-Range": `bytes ${start}-${end}/${obj.data.length}` });
  }
  const slice = obj.data.subarray(start, end + 1);
  res.writeHead(status, { ...base, "Content-Length": String(headOnly ? obj.data.length : slice.length) });
  res.end(headOnly ? undefined : slice);
}

function listObjects(bucketName: string, bucket: Map<string, StoredObject>, q: URLSearchParams, res: ServerResponse): void {
  const prefix = q.get("prefix") ?? "";
  const startAfter = q.get("start-after") ?? "";
  const token = q.get("continuation-token");
  const maxKeys = Math.min(1000, Math.max(0, Number(q.get("max-keys") ?? 1000)));
  const urlEncode = q.get("encoding-type") === "url";
  let after = startAfter;
  if (token !== null) after = Buffer.from(token, "base64url").toString("utf8");
  // S3 orders keys by UTF-8 bytes.
  const keys = [...bucket.keys()]
    .filter((k) => k.startsWith(prefix) && Buffer.compare(Buffer.from(k), Buffer.from(after)) > 0)
    .sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  const page = keys.slice(0, maxKeys);
  const truncated = keys.length > page.length;
  const enc = (s: string) => xml(urlEncode ? encodeURIComponent(s) : s);
  const contents = page
    .map((k) => {
      const o = bucket.get(k)!;
      return `<Contents><Key>${enc(k)}</Key><LastModified>${new Date(o.lastModified).toISOString()}</LastModified><ETag>${xml(o.etag)}</ETag><Size>${o.data.length}</Size><StorageClass>STANDARD</StorageClass></Contents>`;
    })
    .join("");
  const next = truncated ? `<NextContinuationToken>${Buffer.from(page[page.length - 1]!).toString("base64url")}</NextContinuationToken>` : "";
  const body =
    `<?xml version="1.0" encoding="UTF-8"?>\n<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">` +
    `<Name>${xml(bucketName)}</Name><Prefix>${enc(prefix)}</Prefix><KeyCount>${page.length}</KeyCount><MaxKeys>${maxKeys}</MaxKeys>` +
    `${urlEncode ? "<EncodingType>url</EncodingType>" : ""}<IsTruncated>${truncated}</IsTruncated>` +
    `${token !== null ? `<ContinuationToken>${xml(token)}</ContinuationToken>` : ""}${next}` +
    `${startAfter ? `<StartAfter>${enc(startAfter)}</StartAfter>` : ""}${contents}</ListBucketResult>`;
  res.writeHead(200, { "Content-Type": "application/xml" }).end(body);
}

function sendError(res: ServerResponse, status: number, code: string, message: string): void {
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${xml(message)}</Message></Error>`;
  res.writeHead(status, { "Content-Type": "application/xml" }).end(body);
}

function xml(s: string): string {
  return s.replace(/[<>&'"]/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", "'": "&apos;", '"': "&quot;" })[c]!);
}
