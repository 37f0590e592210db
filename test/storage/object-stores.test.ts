import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GetObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { LocalObjectStore } from "../../src/node/local-store";
import { isStorageError } from "../../src/storage/errors";
import { MemoryObjectStore } from "../../src/storage/memory";
import { ObjectStoreResolver } from "../../src/storage/resolver";
import { S3ObjectStore } from "../../src/storage/s3";
import { startS3TestServer, type S3TestServer } from "../support/s3-server";
import { objectStoreContract } from "./contract";

let server: S3TestServer;
let s3: S3ObjectStore;
const tempDirs: string[] = [];
let counter = 0;

beforeAll(async () => {
  server = await startS3TestServer({ buckets: ["lake"] });
  s3 = new S3ObjectStore({ region: server.region, endpoint: server.endpoint, forcePathStyle: true, credentials: server.credentials });
});
afterAll(async () => {
  await server.close();
  await Promise.all(tempDirs.map((d) => rm(d, { recursive: true, force: true })));
});

const memory = new MemoryObjectStore();
objectStoreContract("memory", async () => ({ store: memory, makeRoot: async () => `memory://t/${++counter}/` }));
objectStoreContract("local filesystem", async () => ({
  store: new LocalObjectStore(),
  makeRoot: async () => {
    const dir = await mkdtemp(join(tmpdir(), "lakeward-store-"));
    tempDirs.push(dir);
    return `file://${dir}/`;
  },
}));
objectStoreContract("S3 (protocol test server)", async () => ({ store: s3, makeRoot: async () => `s3://lake/root-${++counter}/` }));
objectStoreContract("resolver → memory", async () => ({
  store: new ObjectStoreResolver({ memory }),
  makeRoot: async () => `memory://r/${++counter}/`,
}));

describe("ObjectStoreResolver", () => {
  it("routes by scheme and refuses unknown schemes by name", async () => {
    const resolver = new ObjectStoreResolver({ memory, s3 });
    expect(resolver.resolve("s3://lake/x")).toBe(s3);
    expect(resolver.resolve("MEMORY://a/b")).toBe(memory);
    const err = (() => { try { resolver.resolve("gs://b/k"); } catch (e) { return e; } })();
    expect(isStorageError(err, "STORAGE_UNSUPPORTED_URL")).toBe(true);
    expect(String((err as Error).message)).toContain("gs");
  });
});

describe("S3 test server authentication", () => {
  it("rejects a request signed with the wrong secret", async () => {
    const bad = new S3ObjectStore({ region: server.region, endpoint: server.endpoint, forcePathStyle: true,
      credentials: { accessKeyId: server.credentials.accessKeyId, secretAccessKey: "not-the-secret" } });
    const err = await bad.get("s3://lake/anything").catch((e) => e);
    expect(isStorageError(err, "STORAGE_IO")).toBe(true);
    expect(String((err as Error).message)).toMatch(/signature/i);
  });

  it("rejects anonymous requests and unknown access keys", async () => {
    const res = await fetch(`${server.endpoint}/lake/x`);
    expect(res.status).toBe(403);
    expect(await res.text()).toContain("AccessDenied");
    const other = new S3ObjectStore({ region: server.region, endpoint: server.endpoint, forcePathStyle: true,
      credentials: { accessKeyId: "AKIDOTHER", secretAccessKey: server.credentials.secretAccessKey } });
    expect(String(await other.head("s3://lake/x").then(() => "ok", (e) => e.message))).not.toBe("ok");
  });

  it("serves presigned GET URLs, and refuses tampered or expired ones", async () => {
    await s3.put("s3://lake/shared/file.bin", new TextEncoder().encode("presigned body"));
    const client = new S3Client({ region: server.region, endpoint: server.endpoint, forcePathStyle: true, credentials: server.credentials });
    const url = await getSignedUrl(client, new GetObjectCommand({ Bucket: "lake", Key: "shared/file.bin" }), { expiresIn: 60 });
    const ok = await fetch(url);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe("presigned body");
    const ranged = await fetch(url, { headers: { Range: "bytes=0-8" } });
    expect(ranged.status).toBe(206);
    expect(await ranged.text()).toBe("presigned");
    const tampered = await fetch(url.replace("shared/file.bin", "shared/other.bin"));
    expect(tampered.status).toBe(403);
    const expiredUrl = await getSignedUrl(client, new GetObjectCommand({ Bucket: "lake", Key: "shared/file.bin" }), {
      expiresIn: 1, signingDate: new Date(Date.now() - 60_000),
    });
    const expired = await fetch(expiredUrl);
    expect(expired.status).toBe(403);
    expect(await expired.text()).toContain("expired");
  });

  it("counts operations so callers can assert what was requested", async () => {
    const before = server.counts.get("ListObjectsV2") ?? 0;
    await s3.list("s3://lake/");
    expect(server.counts.get("ListObjectsV2")).toBe(before + 1);
  });
});
