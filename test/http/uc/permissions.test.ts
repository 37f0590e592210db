import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../support/app";
import { uc } from "../../support/client";
import { managedTable } from "../../support/fixtures";

let t: TestApp;
let ann: Awaited<ReturnType<TestApp["user"]>>;
let bob: Awaited<ReturnType<TestApp["user"]>>;
const perms = (path: string) => uc(`/permissions/${path}`);

beforeAll(async () => {
  t = await startTestApp();
  await t.admin.post(uc("/catalogs"), { name: "main" });
  await t.admin.post(uc("/schemas"), { name: "sales", catalog_name: "main" });
  await t.admin.post(uc("/tables"), managedTable("main", "sales", "orders"));
  ann = await t.user("ann@example.com");
  bob = await t.user("bob@example.com");
  await t.group("analysts", [ann.principalId]);
});
afterAll(() => t.close());

describe("permissions API: happy path", () => {
  it("grants, lists and revokes, echoing only the principals changed", async () => {
    const granted = await t.admin.patch(perms("table/main.sales.orders"), {
      changes: [{ principal: "analysts", add: ["SELECT", "modify"] }, { principal: "bob@example.com", add: ["SELECT"], remove: [] }],
    });
    expect(granted.status).toBe(200);
    expect(granted.body.privilege_assignments).toEqual([
      { principal: "analysts", privileges: ["MODIFY", "SELECT"] },
      { principal: "bob@example.com", privileges: ["SELECT"] },
    ]);
    const listed = await t.admin.get(perms("table/main.sales.orders"));
    expect(listed.body.privilege_assignments).toHaveLength(2);
    const revoked = await t.admin.patch(perms("table/main.sales.orders"), { changes: [{ principal: "analysts", add: [], remove: ["MODIFY"] }] });
    expect(revoked.body.privilege_assignments).toEqual([{ principal: "analysts", privileges: ["SELECT"] }]);
    const one = await t.admin.get(perms("table/main.sales.orders?principal=bob@example.com"));
    expect(one.body.privilege_assignments).toEqual([{ principal: "bob@example.com", privileges: ["SELECT"] }]);
  });

  it("effective permissions show inherited grants with their source", async () => {
    await t.admin.patch(perms("catalog/main"), { changes: [{ principal: "analysts", add: ["USE CATALOG", "SELECT"] }] });
    await t.admin.patch(perms("schema/main.sales"), { changes: [{ principal: "analysts", add: ["USE SCHEMA"] }] });
    const eff = await t.admin.get(uc("/effective-permissions/table/main.sales.orders?principal=ann@example.com"));
    expect(eff.status).toBe(200);
    const privileges = eff.body.privilege_assignments[0].privileges;
    expect(eff.body.privilege_assignments[0].principal).toBe("ann@example.com");
    expect(privileges).toContainEqual({ privilege: "SELECT" });
    expect(privileges).toContainEqual({ privilege: "SELECT", inherited_from_type: "catalog", inherited_from_name: "main" });
    expect(privileges.some((p: any) => p.privilege === "USE SCHEMA")).toBe(false);
  });

  it("grants on the metastore", async () => {
    const res = await t.admin.patch(perms("metastore/metastore"), { changes: [{ principal: "bob@example.com", add: ["CREATE CATALOG"] }] });
    expect(res.body.privilege_assignments).toEqual([{ principal: "bob@example.com", privileges: ["CREATE CATALOG"] }]);
    expect((await bob.post(uc("/catalogs"), { name: "bobs" })).status).toBe(200);
  });
});

describe("permissions API: errors", () => {
  it("refuses privileges that do not apply, unknown principals and types, and changes nothing", async () => {
    const before = (await t.admin.get(perms("table/main.sales.orders"))).body;
    const badPriv = await t.admin.patch(perms("table/main.sales.orders"), { changes: [{ principal: "bob@example.com", add: ["SELECT", "CREATE SCHEMA"] }] });
    expect(badPriv.status).toBe(400);
    expect(badPriv.body.message).toContain("CREATE SCHEMA");
    const badPrincipal = await t.admin.patch(perms("table/main.sales.orders"), { changes: [{ principal: "bob@example.com", add: ["MODIFY"] }, { principal: "nobody", add: ["SELECT"] }] });
    expect([badPrincipal.status, badPrincipal.body.error_code]).toEqual([404, "NOT_FOUND"]);
    expect((await t.admin.get(perms("table/main.sales.orders"))).body).toEqual(before);
    expect((await t.admin.get(perms("widget/main.sales.orders"))).status).toBe(400);
    expect((await t.admin.get(perms("table/main.sales.nope"))).body.error_code).toBe("TABLE_NOT_FOUND");
    expect((await t.admin.patch(perms("table/main.sales.orders"), { changes: [] })).status).toBe(400);
  });
});

describe("permissions API: security", () => {
  it("a grantee may not grant; MANAGE may; non-managers see only their own grants", async () => {
    await t.admin.patch(perms("catalog/main"), { changes: [{ principal: "bob@example.com", add: ["USE CATALOG"] }] });
    await t.admin.patch(perms("schema/main.sales"), { changes: [{ principal: "bob@example.com", add: ["USE SCHEMA"] }] });
    const denied = await bob.patch(perms("table/main.sales.orders"), { changes: [{ principal: "bob@example.com", add: ["MODIFY"] }] });
    expect(denied.status).toBe(403);
    const own = await bob.get(perms("table/main.sales.orders"));
    expect(own.body.privilege_assignments.map((a: any) => a.principal)).toEqual(["bob@example.com"]);

    await t.admin.patch(perms("table/main.sales.orders"), { changes: [{ principal: "bob@example.com", add: ["MANAGE"] }] });
    const allowed = await bob.patch(perms("table/main.sales.orders"), { changes: [{ principal: "ann@example.com", add: ["MODIFY"] }] });
    expect(allowed.status).toBe(200);
    expect((await bob.get(perms("table/main.sales.orders"))).body.privilege_assignments.length).toBeGreaterThan(1);
  });

  it("a user who cannot see the securable gets not-found", async () => {
    const eve = await t.user("eve@example.com");
    const res = await eve.get(perms("table/main.sales.orders"));
    expect(res.body.error_code).toBe("TABLE_NOT_FOUND");
    expect((await eve.patch(perms("catalog/main"), { changes: [{ principal: "eve@example.com", add: ["USE CATALOG"] }] })).status).toBe(404);
  });
});
