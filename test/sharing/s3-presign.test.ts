import { readdir, readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app";
import { SnapshotCache } from "../../src/delta/snapshot-cache";
import { LocalObjectStore } from "../../src/node/local-store";
import { ObjectStoreResolver } from "../../src/storage/resolver";
import { S3ObjectStore } from "../../src/storage/s3";
import { createSharingServices, type S3Access } from "../../src/sharing/services";
import type { Services } from "../../src/services";
import { startTestApp, type TestApp } from "../support/app";
import { ApiClient, uc } from "../support/client";
import { TESTDATA_DIR } from "../support/delta-testdata";
import { registerStorage } from "../support/locations";
import { startS3TestServer, type S3TestServer } from "../support/s3-server";
import { SharingClient } from "../support/sharing-client";

let t: TestApp;
let s3: S3TestServer;
let app: ReturnType<typeof createApp>;
let recipient: SharingClient;
let access: S3Access | undefined;

/** Uploads a local Delta table to the S3 test server. */
async function upload(store: S3ObjectStore, dir: string, prefix: string): Promise<void> {
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    await store.put(`${prefix}/${relative(dir, path)}`, new Uint8Array(await readFile(path)));
  }
}

beforeAll(async () => {
  t = await startTestApp();
  s3 = await startS3TestServer({ buckets: ["lake"] });
  const store = new S3ObjectStore({ region: s3.region, endpoint: s3.endpoint, forcePathStyle: true, credentials: s3.credentials });
  await upload(store, join(TESTDATA_DIR, "dat-multi-partitioned", "delta"), "s3://lake/tables/multi");
  const storage = new ObjectStoreResolver({ s3: store, file: new LocalObjectStore() });
  // The credentials module's port, here the test server's static keys (issue 8 §4).
  access = { region: s3.region, endpoint: s3.endpoint, forcePathStyle: true, credentials: s3.credentials };
  const services: Services = { ...t.services, storage, snapshots: new SnapshotCache(storage), sharing: createSharingServices(t.services.db, t.services.clock, async () => access) };
  app = createApp(services);
  const admin = new ApiClient(app, t.admin.token);
  await registerStorage(t, ["s3://lake"], { prefix: "s3" });
  await admin.post(uc("/catalogs"), { name: "lake" });
  await admin.post(uc("/schemas"), { name: "s3", catalog_name: "lake" });
  const table = await admin.post(uc("/tables"), { name: "multi", catalog_name: "lake", schema_name: "s3", table_type: "EXTERNAL", data_source_format: "DELTA", storage_location: "s3://lake/tables/multi" });
  expect(table.status).toBe(200);
  const r = await admin.post(uc("/recipients"), { name: "acme" });
  const profile = await new ApiClient(app).get(`/api/2.1/unity-catalog/public/data_sharing_activation/${String(r.body.activation_url).split("/").pop()}`);
  recipient = new SharingClient(app, profile.body.bearerToken);
  await admin.post(uc("/shares"), { name: "s" });
  await admin.patch(uc("/shares/s"), { updates: [{ action: "ADD", data_object: { name: "lake.s3.multi", shared_as: "x.multi" } }] });
  await admin.patch(uc("/shares/s/permissions"), { changes: [{ principal: "acme", add: ["SELECT"] }] });
});
afterAll(async () => {
  await s3.close();
  await t.close();
});

describe("S3 tables", () => {
  it("hands out S3 pre-signed URLs (SigV4 query auth) that the bucket accepts, with byte ranges", async () => {
    const res = await recipient.query("/shares/s/schemas/x/tables/multi", {});
    expect(res.status).toBe(200);
    const files = res.lines.filter((l) => l.file).map((l) => l.file);
    expect(files).toHaveLength(2);
    for (const f of files) {
      const url = new URL(f.url);
      expect(`${url.protocol}//${url.host}`).toBe(s3.endpoint);
      expect(url.searchParams.get("X-Amz-Algorithm")).toBe("AWS4-HMAC-SHA256");
      expect(Number(url.searchParams.get("X-Amz-Expires"))).toBe(3600);
      const got = await fetch(f.url);
      expect(got.status, await got.clone().text()).toBe(200);
      expect((await got.arrayBuffer()).byteLength).toBe(f.size);
      const ranged = await fetch(f.url, { headers: { range: "bytes=0-3" } });
      expect(new TextDecoder().decode(await ranged.arrayBuffer())).toBe("PAR1");
    }
    const tampered = files[0].url.replace(/X-Amz-Signature=([0-9a-f])/, (_m: string, c: string) => `X-Amz-Signature=${c === "0" ? "1" : "0"}`);
    expect((await fetch(tampered)).status).toBe(403);
  });

  it("falls back to Lakeward's own signed URLs when no credential governs the location", async () => {
    access = undefined;
    const res = await recipient.query("/shares/s/schemas/x/tables/multi", {});
    const url = res.lines.find((l) => l.file).file.url as string;
    expect(url).toContain("/delta-sharing/files/");
    const got = await app.request(url.replace(/^http:\/\/[^/]+/, ""));
    expect(got.status).toBe(200);
    expect(new TextDecoder().decode((await got.arrayBuffer()).slice(0, 4))).toBe("PAR1");
  });
});
