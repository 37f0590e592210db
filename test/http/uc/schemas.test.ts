import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../support/app";
import { uc } from "../../support/client";
import { grantDirect } from "../../support/grants";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  await t.admin.post(uc("/catalogs"), { name: "main" });
});
afterAll(() => t.close());

describe("schemas: round trip", () => {
  it("creates, gets, lists, updates and deletes", async () => {
    const created = await t.admin.post(uc("/schemas"), { name: "Sales", catalog_name: "MAIN", comment: "c", properties: { k: "v" } });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ name: "sales", catalog_name: "main", full_name: "main.sales", comment: "c", properties: { k: "v" }, owner: "admin" });
    expect(created.body.schema_id).toMatch(/^[0-9a-f-]{36}$/);
    expect((await t.admin.get(uc("/schemas/main.sales"))).body).toEqual(created.body);
    const list = await t.admin.get(uc("/schemas?catalog_name=main"));
    expect(list.body.schemas.map((s: any) => s.full_name)).toEqual(["main.sales"]);
    const renamed = await t.admin.patch(uc("/schemas/main.sales"), { new_name: "revenue", comment: "r" });
    expect(renamed.body).toMatchObject({ full_name: "main.revenue", comment: "r", schema_id: created.body.schema_id });
    expect((await t.admin.delete(uc("/schemas/main.revenue"))).status).toBe(200);
    expect((await t.admin.get(uc("/schemas/main.revenue"))).body.error_code).toBe("SCHEMA_NOT_FOUND");
  });

  it("renaming a schema renames what is inside it", async () => {
    await t.admin.post(uc("/schemas"), { name: "old", catalog_name: "main" });
    await t.admin.post(uc("/volumes"), { catalog_name: "main", schema_name: "old", name: "v", volume_type: "MANAGED" });
    await t.admin.patch(uc("/schemas/main.old"), { new_name: "new" });
    expect((await t.admin.get(uc("/volumes/main.new.v"))).status).toBe(200);
    expect((await t.admin.get(uc("/volumes/main.old.v"))).status).toBe(404);
  });
});

describe("schemas: errors", () => {
  it("needs an existing catalog and a valid name", async () => {
    expect((await t.admin.post(uc("/schemas"), { name: "s", catalog_name: "nope" })).body.error_code).toBe("CATALOG_NOT_FOUND");
    const bad = await t.admin.post(uc("/schemas"), { name: "a/b", catalog_name: "main" });
    expect(bad.status).toBe(400);
    expect(bad.body.details[0].metadata.field).toBe("name");
    expect((await t.admin.get(uc("/schemas?catalog_name=main"))).body.schemas.some((s: any) => s.name === "a/b")).toBe(false);
    const missing = await t.admin.get(uc("/schemas"));
    expect(missing.status).toBe(400);
    expect(missing.body.message).toContain("catalog_name");
    expect((await t.admin.get(uc("/schemas/main"))).status).toBe(400);
  });

  it("refuses duplicates with SCHEMA_ALREADY_EXISTS", async () => {
    await t.admin.post(uc("/schemas"), { name: "twice", catalog_name: "main" });
    const res = await t.admin.post(uc("/schemas"), { name: "twice", catalog_name: "main" });
    expect([res.status, res.body.error_code]).toEqual([400, "SCHEMA_ALREADY_EXISTS"]);
  });
});

describe("schemas: security", () => {
  it("creating needs USE CATALOG and CREATE SCHEMA", async () => {
    const bob = await t.user("bob@example.com");
    expect((await bob.post(uc("/schemas"), { name: "b", catalog_name: "main" })).status).toBe(404);
    await grantDirect(t.services, "catalog", "main", bob.principalId, "USE CATALOG");
    const denied = await bob.post(uc("/schemas"), { name: "b", catalog_name: "main" });
    expect(denied.status).toBe(403);
    expect(denied.body.message).toContain("CREATE SCHEMA");
    await grantDirect(t.services, "catalog", "main", bob.principalId, "CREATE SCHEMA");
    const ok = await bob.post(uc("/schemas"), { name: "b", catalog_name: "main" });
    expect(ok.body.owner).toBe("bob@example.com");
  });

  it("lists only schemas the caller may use, with full pages", async () => {
    await t.admin.post(uc("/catalogs"), { name: "paged" });
    for (const n of ["a", "b", "c", "d", "e"]) await t.admin.post(uc("/schemas"), { name: n, catalog_name: "paged" });
    const ann = await t.user("ann@example.com");
    await grantDirect(t.services, "catalog", "paged", ann.principalId, "USE CATALOG");
    for (const n of ["b", "d", "e"]) await grantDirect(t.services, "schema", `paged.${n}`, ann.principalId, "USE SCHEMA");
    const first = await ann.get(uc("/schemas?catalog_name=paged&max_results=2"));
    expect(first.body.schemas.map((s: any) => s.name)).toEqual(["b", "d"]);
    const second = await ann.get(uc(`/schemas?catalog_name=paged&max_results=2&page_token=${first.body.next_page_token}`));
    expect(second.body.schemas.map((s: any) => s.name)).toEqual(["e"]);
    expect(second.body.next_page_token ?? null).toBeNull();
  });
});
