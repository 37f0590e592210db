import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../support/app";
import { uc } from "../../support/client";
import { grantDirect } from "../../support/grants";
import { registerStorage } from "../../support/locations";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  await t.admin.post(uc("/catalogs"), { name: "main" });
  await t.admin.post(uc("/schemas"), { name: "raw", catalog_name: "main" });
  // EXTERNAL storage must lie under an external location (issue 7).
  await registerStorage(t, ["s3://bucket"]);
});
afterAll(() => t.close());

const volume = (name: string, extra: Record<string, unknown> = {}) => ({ catalog_name: "main", schema_name: "raw", name, volume_type: "MANAGED", ...extra });

describe("volumes: round trip", () => {
  it("creates managed and external volumes, gets, lists, renames and deletes", async () => {
    const managed = await t.admin.post(uc("/volumes"), volume("Files", { comment: "landing" }));
    expect(managed.body).toMatchObject({ name: "files", full_name: "main.raw.files", volume_type: "MANAGED", comment: "landing", owner: "admin" });
    expect(managed.body.storage_location).toContain(`/volumes/${managed.body.volume_id}`);
    const external = await t.admin.post(uc("/volumes"), volume("ext", { volume_type: "EXTERNAL", storage_location: "s3://bucket/landing/ext" }));
    expect(external.body.storage_location).toBe("s3://bucket/landing/ext");
    expect((await t.admin.get(uc("/volumes/main.raw.files"))).body).toEqual(managed.body);
    expect((await t.admin.get(uc("/volumes?catalog_name=main&schema_name=raw"))).body.volumes.map((v: any) => v.name)).toEqual(["ext", "files"]);
    const renamed = await t.admin.patch(uc("/volumes/main.raw.files"), { new_name: "files2", comment: "c2" });
    expect(renamed.body).toMatchObject({ full_name: "main.raw.files2", comment: "c2" });
    expect((await t.admin.delete(uc("/volumes/main.raw.files2"))).status).toBe(200);
    const gone = await t.admin.get(uc("/volumes/main.raw.files2"));
    expect([gone.status, gone.body.error_code]).toEqual([404, "NOT_FOUND"]);
  });
});

describe("volumes: errors", () => {
  it("validates type and location, and refuses duplicates with RESOURCE_ALREADY_EXISTS", async () => {
    expect((await t.admin.post(uc("/volumes"), volume("v", { volume_type: "OTHER" }))).body.details[0].metadata.field).toBe("volume_type");
    expect((await t.admin.post(uc("/volumes"), volume("v", { volume_type: "EXTERNAL" }))).body.details[0].metadata.field).toBe("storage_location");
    expect((await t.admin.post(uc("/volumes"), volume("v", { storage_location: "s3://b/x" }))).status).toBe(400);
    await t.admin.post(uc("/volumes"), volume("once"));
    const again = await t.admin.post(uc("/volumes"), volume("once"));
    expect([again.status, again.body.error_code]).toEqual([400, "RESOURCE_ALREADY_EXISTS"]);
  });

  it("refuses an external volume overlapping a table", async () => {
    await t.admin.post(uc("/volumes"), volume("a", { volume_type: "EXTERNAL", storage_location: "s3://bucket/v/a" }));
    const res = await t.admin.post(uc("/volumes"), volume("b", { volume_type: "EXTERNAL", storage_location: "s3://bucket/v/a/sub" }));
    expect(res.status).toBe(400);
    expect(res.body.message).toContain("overlaps");
  });
});

describe("volumes: security", () => {
  it("creating needs CREATE VOLUME; reading needs a volume privilege", async () => {
    const bob = await t.user("bob@example.com");
    await grantDirect(t.services, "catalog", "main", bob.principalId, "USE CATALOG");
    await grantDirect(t.services, "schema", "main.raw", bob.principalId, "USE SCHEMA");
    expect((await bob.post(uc("/volumes"), volume("bv"))).status).toBe(403);
    await grantDirect(t.services, "schema", "main.raw", bob.principalId, "CREATE VOLUME");
    expect((await bob.post(uc("/volumes"), volume("bv"))).status).toBe(200);
    await t.admin.post(uc("/volumes"), volume("adminv"));
    expect((await bob.get(uc("/volumes/main.raw.adminv"))).status).toBe(404);
    await grantDirect(t.services, "volume", "main.raw.adminv", bob.principalId, "READ VOLUME");
    expect((await bob.get(uc("/volumes/main.raw.adminv"))).status).toBe(200);
    expect((await bob.delete(uc("/volumes/main.raw.adminv"))).status).toBe(403);
  });
});
