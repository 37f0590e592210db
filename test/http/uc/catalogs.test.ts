import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../support/app";
import { uc } from "../../support/client";
import { grantDirect } from "../../support/grants";

let t: TestApp;
beforeAll(async () => (t = await startTestApp()));
afterAll(() => t.close());

describe("catalogs: round trip", () => {
  it("creates, gets, lists, updates and deletes with Unity Catalog's field names", async () => {
    const created = await t.admin.post(uc("/catalogs"), { name: "Sales", comment: "all sales", properties: { team: "a" } });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ name: "sales", comment: "all sales", properties: { team: "a" }, owner: "admin", created_by: "admin" });
    expect(created.body.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(typeof created.body.created_at).toBe("number");
    expect(created.body.storage_location).toContain(`/__unitystorage/catalogs/${created.body.id}`);

    const got = await t.admin.get(uc("/catalogs/SALES"));
    expect(got.body).toEqual(created.body);

    const list = await t.admin.get(uc("/catalogs"));
    expect(list.body.catalogs.map((c: any) => c.name)).toContain("sales");
    expect(list.body.next_page_token ?? null).toBeNull();

    const updated = await t.admin.patch(uc("/catalogs/sales"), { comment: "renamed", new_name: "sales2", properties: { team: "b" } });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ name: "sales2", comment: "renamed", properties: { team: "b" }, id: created.body.id });
    expect(updated.body.updated_at).toBeGreaterThanOrEqual(created.body.updated_at);
    expect((await t.admin.get(uc("/catalogs/sales"))).status).toBe(404);

    expect((await t.admin.delete(uc("/catalogs/sales2"))).status).toBe(200);
    const gone = await t.admin.get(uc("/catalogs/sales2"));
    expect(gone.status).toBe(404);
    expect(gone.body.error_code).toBe("CATALOG_NOT_FOUND");
  });
});

describe("catalogs: errors", () => {
  it("refuses a duplicate name, case-insensitively, with CATALOG_ALREADY_EXISTS (400)", async () => {
    await t.admin.post(uc("/catalogs"), { name: "dup" });
    const again = await t.admin.post(uc("/catalogs"), { name: "DUP" });
    expect(again.status).toBe(400);
    expect(again.body.error_code).toBe("CATALOG_ALREADY_EXISTS");
    expect(again.body.details[0].reason).toBe("CATALOG_ALREADY_EXISTS");
  });

  it("refuses to delete a non-empty catalog without force, and cascades with it", async () => {
    await t.admin.post(uc("/catalogs"), { name: "full" });
    await t.admin.post(uc("/schemas"), { name: "s", catalog_name: "full" });
    const refused = await t.admin.delete(uc("/catalogs/full"));
    expect(refused.status).toBe(400);
    expect(refused.body.error_code).toBe("FAILED_PRECONDITION");
    expect((await t.admin.get(uc("/schemas/full.s"))).status).toBe(200);
    expect((await t.admin.delete(uc("/catalogs/full?force=true"))).status).toBe(200);
    expect((await t.admin.get(uc("/schemas/full.s"))).status).toBe(404);
  });

  it("validates storage_root", async () => {
    const res = await t.admin.post(uc("/catalogs"), { name: "badroot", storage_root: "s3://bucket/../x" });
    expect(res.status).toBe(400);
    expect(res.body.message).toContain("storage_root");
    expect((await t.admin.get(uc("/catalogs/badroot"))).status).toBe(404);
  });

  it("refuses renaming onto an existing catalog and keeps both", async () => {
    await t.admin.post(uc("/catalogs"), { name: "r1" });
    await t.admin.post(uc("/catalogs"), { name: "r2" });
    const res = await t.admin.patch(uc("/catalogs/r1"), { new_name: "r2" });
    expect(res.body.error_code).toBe("CATALOG_ALREADY_EXISTS");
    expect((await t.admin.get(uc("/catalogs/r1"))).status).toBe(200);
  });
});

describe("catalogs: security", () => {
  it("needs a token", async () => {
    const res = await t.client().get(uc("/catalogs"));
    expect(res.status).toBe(401);
    expect(res.body.error_code).toBe("UNAUTHENTICATED");
    expect((await t.client("lkw_not-a-real-token").get(uc("/catalogs"))).status).toBe(401);
  });

  it("needs CREATE CATALOG on the metastore to create one", async () => {
    const bob = await t.user("bob@example.com");
    const denied = await bob.post(uc("/catalogs"), { name: "bobs" });
    expect(denied.status).toBe(403);
    expect(denied.body.error_code).toBe("PERMISSION_DENIED");
    expect(denied.body.message).toContain("CREATE CATALOG");
    await grantDirect(t.services, "metastore", "metastore", bob.principalId, "CREATE CATALOG");
    const ok = await bob.post(uc("/catalogs"), { name: "bobs" });
    expect(ok.status).toBe(200);
    expect(ok.body.owner).toBe("bob@example.com");
  });

  it("hides catalogs a user may not use, exactly like missing ones", async () => {
    await t.admin.post(uc("/catalogs"), { name: "secret" });
    const eve = await t.user("eve@example.com");
    const hidden = await eve.get(uc("/catalogs/secret"));
    const missing = await eve.get(uc("/catalogs/nosuch"));
    expect(hidden.status).toBe(404);
    expect({ ...hidden.body, message: "" }).toEqual({ ...missing.body, message: "" });
    expect(hidden.body.message).toBe("Catalog not found: secret");
    const list = await eve.get(uc("/catalogs"));
    expect(list.body.catalogs).toEqual([]);
    expect((await eve.delete(uc("/catalogs/secret"))).status).toBe(404);
    expect((await eve.patch(uc("/catalogs/secret"), { comment: "x" })).status).toBe(404);
  });

  it("lets a USE CATALOG holder see but not alter a catalog", async () => {
    await t.admin.post(uc("/catalogs"), { name: "shared" });
    const ann = await t.user("ann@example.com");
    await grantDirect(t.services, "catalog", "shared", ann.principalId, "USE CATALOG");
    expect((await ann.get(uc("/catalogs/shared"))).status).toBe(200);
    expect((await ann.get(uc("/catalogs"))).body.catalogs.map((c: any) => c.name)).toEqual(["shared"]);
    const denied = await ann.patch(uc("/catalogs/shared"), { comment: "mine" });
    expect(denied.status).toBe(403);
    expect((await ann.delete(uc("/catalogs/shared"))).status).toBe(403);
  });
});
