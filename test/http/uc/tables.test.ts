import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../support/app";
import { uc } from "../../support/client";
import { grantDirect } from "../../support/grants";
import { registerStorage } from "../../support/locations";
import { column, externalTable, managedTable } from "../../support/fixtures";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  await t.admin.post(uc("/catalogs"), { name: "main" });
  await t.admin.post(uc("/schemas"), { name: "sales", catalog_name: "main" });
  // EXTERNAL storage must lie under an external location (issue 7).
  await registerStorage(t, ["s3://bucket"]);
});
afterAll(() => t.close());

describe("tables: round trip", () => {
  it("creates an external table and reads it back with UC's field names", async () => {
    const created = await t.admin.post(uc("/tables"), externalTable("main", "sales", "Orders", "s3://bucket/warehouse/orders/"));
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      name: "orders",
      catalog_name: "main",
      schema_name: "sales",
      full_name: "main.sales.orders",
      table_type: "EXTERNAL",
      data_source_format: "DELTA",
      storage_location: "s3://bucket/warehouse/orders",
      owner: "admin",
    });
    expect(created.body.columns).toEqual([
      expect.objectContaining({ name: "id", type_name: "INT", type_text: "int", position: 0, nullable: true }),
      expect.objectContaining({ name: "label", type_name: "STRING", position: 1 }),
    ]);
    expect((await t.admin.get(uc("/tables/main.sales.orders"))).body).toEqual(created.body);
    const list = await t.admin.get(uc("/tables?catalog_name=main&schema_name=sales"));
    expect(list.body.tables.map((x: any) => x.name)).toContain("orders");
  });

  it("creates a managed table under managed storage, and a view", async () => {
    const managed = await t.admin.post(uc("/tables"), managedTable("main", "sales", "m1"));
    expect(managed.body.storage_location).toMatch(new RegExp(`/__unitystorage/catalogs/[0-9a-f-]+/tables/${managed.body.table_id}$`));
    const view = await t.admin.post(uc("/tables"), {
      name: "v1", catalog_name: "main", schema_name: "sales", table_type: "VIEW", columns: [column("id")], view_definition: "select id from main.sales.m1",
    });
    expect(view.body).toMatchObject({ table_type: "VIEW", view_definition: "select id from main.sales.m1", storage_location: null });
  });

  it("updates comment, owner and properties (Databricks PATCH)", async () => {
    await t.admin.post(uc("/tables"), managedTable("main", "sales", "patched"));
    const carol = await t.user("carol@example.com");
    const res = await t.admin.patch(uc("/tables/main.sales.patched"), { comment: "hello", owner: "carol@example.com", properties: { a: "1" } });
    expect(res.body).toMatchObject({ comment: "hello", owner: "carol@example.com", properties: { a: "1" } });
    void carol;
  });

  it("deletes", async () => {
    await t.admin.post(uc("/tables"), managedTable("main", "sales", "gone"));
    expect((await t.admin.delete(uc("/tables/main.sales.gone"))).status).toBe(200);
    expect((await t.admin.get(uc("/tables/main.sales.gone"))).body.error_code).toBe("TABLE_NOT_FOUND");
  });
});

describe("tables: errors", () => {
  it("validates table type, format, columns and locations", async () => {
    const cases: [unknown, string][] = [
      [{ ...managedTable("main", "sales", "x"), table_type: "BOGUS" }, "table_type"],
      [{ ...managedTable("main", "sales", "x"), data_source_format: "CSV" }, "data_source_format"],
      [{ ...externalTable("main", "sales", "x", "s3://bucket") }, "storage_location"],
      [{ ...externalTable("main", "sales", "x", "s3://bucket/a/../b") }, "storage_location"],
      [{ ...externalTable("main", "sales", "x", "s3://bucket/__unitystorage/x") }, "storage_location"],
      [{ ...managedTable("main", "sales", "x"), columns: [column("a"), column("A")] }, "columns[1].name"],
      [{ ...managedTable("main", "sales", "x"), columns: [column("a", "INT", 1)] }, "position"],
      [{ ...managedTable("main", "sales", "x"), columns: [{ ...column("a"), type_json: "{" }] }, "columns[0].type_json"],
      [{ ...managedTable("main", "sales", "x"), columns: [{ ...column("a"), type_name: "INTEGER" }] }, "columns.0.type_name"],
      [{ ...managedTable("main", "sales", "x"), name: "x".repeat(256) }, "name"],
      [{ name: "x", catalog_name: "main", schema_name: "sales", table_type: "VIEW" }, "view_definition"],
    ];
    for (const [body, field] of cases) {
      const res = await t.admin.post(uc("/tables"), body);
      expect(res.status, JSON.stringify(body).slice(0, 120)).toBe(400);
      expect(res.body.error_code).toBe("INVALID_ARGUMENT");
      expect(res.body.details[0].metadata.field).toBe(field);
    }
    expect((await t.admin.get(uc("/tables/main.sales.x"))).status).toBe(404);
  });

  it("refuses overlapping storage locations", async () => {
    await t.admin.post(uc("/tables"), externalTable("main", "sales", "a", "s3://bucket/data/a"));
    for (const loc of ["s3://bucket/data/a", "s3://bucket/data/a/inner", "s3://bucket/data"]) {
      const res = await t.admin.post(uc("/tables"), externalTable("main", "sales", "b", loc));
      expect(res.status).toBe(400);
      expect(res.body.message).toContain("overlaps");
    }
    const sibling = await t.admin.post(uc("/tables"), externalTable("main", "sales", "b", "s3://bucket/data/a_backup"));
    expect(sibling.status).toBe(200);
  });

  it("refuses duplicates with TABLE_ALREADY_EXISTS", async () => {
    await t.admin.post(uc("/tables"), managedTable("main", "sales", "dup"));
    const res = await t.admin.post(uc("/tables"), managedTable("main", "sales", "DUP"));
    expect([res.status, res.body.error_code]).toEqual([400, "TABLE_ALREADY_EXISTS"]);
  });
});

describe("tables: security", () => {
  it("needs USE CATALOG, USE SCHEMA and CREATE TABLE to create", async () => {
    const bob = await t.user("bob@example.com");
    await grantDirect(t.services, "catalog", "main", bob.principalId, "USE CATALOG");
    expect((await bob.post(uc("/tables"), managedTable("main", "sales", "bt"))).body.error_code).toBe("SCHEMA_NOT_FOUND");
    await grantDirect(t.services, "schema", "main.sales", bob.principalId, "USE SCHEMA");
    const denied = await bob.post(uc("/tables"), managedTable("main", "sales", "bt"));
    expect(denied.status).toBe(403);
    expect(denied.body.message).toContain("CREATE TABLE");
    await grantDirect(t.services, "schema", "main.sales", bob.principalId, "CREATE TABLE");
    expect((await bob.post(uc("/tables"), managedTable("main", "sales", "bt"))).status).toBe(200);
  });

  it("shows a table only to holders of a privilege on it, and lets only managers drop it", async () => {
    await t.admin.post(uc("/tables"), managedTable("main", "sales", "private"));
    const dan = await t.user("dan@example.com");
    await grantDirect(t.services, "catalog", "main", dan.principalId, "USE CATALOG");
    await grantDirect(t.services, "schema", "main.sales", dan.principalId, "USE SCHEMA");
    expect((await dan.get(uc("/tables/main.sales.private"))).body.error_code).toBe("TABLE_NOT_FOUND");
    expect((await dan.get(uc("/tables?catalog_name=main&schema_name=sales"))).body.tables.map((x: any) => x.name)).not.toContain("private");
    await grantDirect(t.services, "table", "main.sales.private", dan.principalId, "SELECT");
    expect((await dan.get(uc("/tables/main.sales.private"))).status).toBe(200);
    expect((await dan.delete(uc("/tables/main.sales.private"))).status).toBe(403);
    expect((await dan.patch(uc("/tables/main.sales.private"), { comment: "x" })).status).toBe(403);
  });
});
