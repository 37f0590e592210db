import { and, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, securables, tableDetails } from "../../../schema/index";
import { startTestApp, type TestApp } from "../../support/app";
import { uc } from "../../support/client";
import { grantDirect } from "../../support/grants";
import { sharingWorld, type SharingWorld } from "../../support/sharing-world";

let t: TestApp;
let world: SharingWorld;
beforeAll(async () => {
  t = await startTestApp();
  world = await sharingWorld(t, ["basic", "multi"]);
  await t.admin.post(uc("/recipients"), { name: "acme" });
});
afterAll(async () => {
  await t.close();
  await world.cleanup();
});

describe("shares API: round trip", () => {
  it("creates, gets (with shared data), lists, updates and deletes a share", async () => {
    const created = await t.admin.post(uc("/shares"), { name: "Sales", comment: "quarterly" });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ name: "sales", comment: "quarterly", owner: "admin", id: expect.any(String), created_by: "admin" });
    const updated = await t.admin.patch(uc("/shares/sales"), {
      comment: "q3",
      updates: [
        { action: "ADD", data_object: { name: "lake.delta.multi", shared_as: "eu.orders", history_data_sharing_status: "ENABLED", partitions: [{ values: [{ name: "LETTER", op: "EQUAL", value: "a" }] }, { values: [{ name: "letter", op: "LIKE", value: "b%" }] }] } },
        { action: "ADD", data_object: { name: "lake.delta", data_object_type: "SCHEMA", shared_as: "raw", comment: "all of it" } },
      ],
    });
    expect(updated.status).toBe(200);
    expect(updated.body.comment).toBe("q3");
    expect(updated.body.objects).toEqual([
      expect.objectContaining({ name: "lake.delta.multi", data_object_type: "TABLE", shared_as: "eu.orders", history_data_sharing_status: "ENABLED", cdf_enabled: true, status: "ACTIVE", added_by: "admin", partitions: [{ values: [{ name: "letter", op: "EQUAL", value: "a" }] }, { values: [{ name: "letter", op: "LIKE", value: "b%" }] }] }),
      expect.objectContaining({ name: "lake.delta", data_object_type: "SCHEMA", shared_as: "raw", comment: "all of it", history_data_sharing_status: "DISABLED" }),
    ]);
    expect((await t.admin.get(uc("/shares/sales"))).body).not.toHaveProperty("objects");
    expect((await t.admin.get(uc("/shares/sales?include_shared_data=true"))).body.objects).toHaveLength(2);
    const changed = await t.admin.patch(uc("/shares/sales"), { updates: [{ action: "UPDATE", data_object: { name: "lake.delta.multi", history_data_sharing_status: "DISABLED", comment: "no history" } }, { action: "REMOVE", data_object: { name: "raw" } }] });
    expect(changed.body.objects).toEqual([expect.objectContaining({ shared_as: "eu.orders", history_data_sharing_status: "DISABLED", comment: "no history" })]);
    expect((await t.admin.get(uc("/shares"))).body.shares.map((s: any) => s.name)).toEqual(["sales"]);
    const renamed = await t.admin.patch(uc("/shares/sales"), { new_name: "sales2" });
    expect(renamed.body.name).toBe("sales2");
    expect((await t.admin.delete(uc("/shares/sales2"))).status).toBe(200);
    expect((await t.admin.get(uc("/shares/sales2"))).body.error_code).toBe("NOT_FOUND");
  });

  it("grants and revokes SELECT to recipients through /permissions, and lists a recipient's shares", async () => {
    await t.admin.post(uc("/shares"), { name: "p" });
    const granted = await t.admin.patch(uc("/shares/p/permissions"), { changes: [{ principal: "acme", add: ["select"] }] });
    expect(granted.body).toEqual({ privilege_assignments: [{ principal: "acme", privileges: ["SELECT"] }] });
    expect((await t.admin.get(uc("/shares/p/permissions"))).body.privilege_assignments).toEqual([{ principal: "acme", privileges: ["SELECT"] }]);
    expect((await t.admin.get(uc("/recipients/acme/share-permissions"))).body).toEqual({ permissions_out: [{ share_name: "p", privilege_assignments: [{ principal: "acme", privileges: ["SELECT"] }] }] });
    const revoked = await t.admin.patch(uc("/shares/p/permissions"), { changes: [{ principal: "acme", remove: ["SELECT"] }] });
    expect(revoked.body).toEqual({ privilege_assignments: [] });
    const audit = await t.services.db.select().from(auditLog).where(eq(auditLog.actionName, "updateSharePermissions"));
    expect(audit).toHaveLength(2);
  });
});

describe("shares API: errors", () => {
  it("validates data objects", async () => {
    await t.admin.post(uc("/shares"), { name: "e" });
    const add = (data_object: Record<string, unknown>) => t.admin.patch(uc("/shares/e"), { updates: [{ action: "ADD", data_object }] });
    expect((await add({ name: "lake.delta.nope" })).body.error_code).toBe("TABLE_NOT_FOUND");
    expect((await add({ name: "lake.delta.basic", partitions: [{ values: [{ name: "x", op: "EQUAL", value: "1" }] }] })).body.message).toContain("not partitioned");
    expect((await add({ name: "lake.delta.multi", partitions: [{ values: [{ name: "number", op: "EQUAL", value: "1" }] }] })).body.message).toContain("not a partition column");
    expect((await add({ name: "lake.delta.multi", partitions: [{ values: [{ name: "letter", op: "LIKE" }] }] })).status).toBe(400);
    expect((await add({ name: "lake.delta.basic", shared_as: "a.b.c" })).status).toBe(400);
    expect((await add({ name: "lake.delta.basic", data_object_type: "VIEW" })).body.message).toContain("is a table");
    expect((await add({ name: "lake.delta.basic" })).status).toBe(200);
    expect((await add({ name: "lake.delta.basic", shared_as: "other.name" })).body.error_code).toBe("RESOURCE_ALREADY_EXISTS");
    expect((await add({ name: "lake.delta.multi", shared_as: "delta.basic" })).body.error_code).toBe("RESOURCE_ALREADY_EXISTS");
    expect((await add({ name: "lake.delta", data_object_type: "SCHEMA" })).status).toBe(400);
    const remove = await t.admin.patch(uc("/shares/e"), { updates: [{ action: "REMOVE", data_object: { name: "lake.delta.multi" } }] });
    expect(remove.body.error_code).toBe("NOT_FOUND");
    expect((await t.admin.post(uc("/shares"), { name: "e" })).body.error_code).toBe("RESOURCE_ALREADY_EXISTS");
    expect((await t.admin.patch(uc("/shares/e/permissions"), { changes: [{ principal: "acme", add: ["MODIFY"] }] })).status).toBe(400);
    expect((await t.admin.patch(uc("/shares/e/permissions"), { changes: [{ principal: "nobody", add: ["SELECT"] }] })).body.error_code).toBe("NOT_FOUND");
  });

  it("refuses a table with a row filter or column masks, naming the alternative", async () => {
    const [row] = await t.services.db.select({ id: securables.id }).from(securables).where(eq(securables.fullName, "lake.delta.multi"));
    const [detail] = await t.services.db.select().from(tableDetails).where(eq(tableDetails.securableId, row!.id));
    await t.services.db.update(tableDetails).set({ columns: detail!.columns.map((c) => (c.name === "number" ? { ...c, mask: { function_name: "lake.delta.m", using_column_names: [] } } : c)) }).where(eq(tableDetails.securableId, row!.id));
    await t.admin.post(uc("/shares"), { name: "masked" });
    const res = await t.admin.patch(uc("/shares/masked"), { updates: [{ action: "ADD", data_object: { name: "lake.delta.multi" } }] });
    expect(res.status).toBe(400);
    expect(res.body.error_code).toBe("FAILED_PRECONDITION");
    expect(res.body.message).toContain("column masks (number)");
    expect(res.body.message).toContain("Share a view");
    await t.services.db.update(tableDetails).set({ columns: detail!.columns }).where(eq(tableDetails.securableId, row!.id));
  });
});

describe("shares API: security", () => {
  it("needs CREATE SHARE to create, ownership to change, SELECT on a table to add it", async () => {
    const bob = await t.user("bob@example.com");
    expect((await bob.post(uc("/shares"), { name: "bobs" })).status).toBe(403);
    await grantDirect(t.services, "metastore", "metastore", bob.principalId, "CREATE SHARE");
    expect((await bob.post(uc("/shares"), { name: "bobs" })).status).toBe(200);
    // Bob sees his own share but not the admin's.
    expect((await bob.get(uc("/shares"))).body.shares.map((s: any) => s.name)).toEqual(["bobs"]);
    expect((await bob.get(uc("/shares/e"))).body.error_code).toBe("NOT_FOUND");
    expect((await bob.patch(uc("/shares/e"), { comment: "mine" })).body.error_code).toBe("NOT_FOUND");
    const add = (b: typeof bob) => b.patch(uc("/shares/bobs"), { updates: [{ action: "ADD", data_object: { name: "lake.delta.basic" } }] });
    expect([403, 404]).toContain((await add(bob)).status);
    await grantDirect(t.services, "catalog", "lake", bob.principalId, "USE CATALOG");
    await grantDirect(t.services, "schema", "lake.delta", bob.principalId, "USE SCHEMA");
    expect((await add(bob)).body.error_code).toBe("TABLE_NOT_FOUND");
    await grantDirect(t.services, "table", "lake.delta.basic", bob.principalId, "MODIFY");
    const noSelect = await add(bob);
    expect(noSelect.status).toBe(403);
    expect(noSelect.body.message).toContain("SELECT on Table 'lake.delta.basic'");
    await grantDirect(t.services, "table", "lake.delta.basic", bob.principalId, "SELECT");
    expect((await add(bob)).status).toBe(200);
    // Granting to a recipient needs the right to use it too (its owner, USE RECIPIENT, admin).
    expect((await bob.patch(uc("/shares/bobs/permissions"), { changes: [{ principal: "acme", add: ["SELECT"] }] })).status).toBe(404);
    await grantDirect(t.services, "metastore", "metastore", bob.principalId, "USE RECIPIENT");
    expect((await bob.patch(uc("/shares/bobs/permissions"), { changes: [{ principal: "acme", add: ["SELECT"] }] })).status).toBe(200);
    const carol = await t.user("carol@example.com");
    expect((await carol.delete(uc("/shares/bobs"))).status).toBe(404);
    expect((await bob.delete(uc("/shares/bobs"))).status).toBe(200);
  });
});

describe("shares API: USE SHARE and SET SHARE PERMISSION (delegated on the metastore)", () => {
  const grantTo = (client: { patch: typeof t.admin.patch }, share: string, recipient = "acme", op: "add" | "remove" = "add") =>
    client.patch(uc(`/shares/${share}/permissions`), { changes: [{ principal: recipient, [op]: ["SELECT"] }] });

  beforeAll(async () => {
    expect((await t.admin.post(uc("/shares"), { name: "seen", comment: "admin's" })).status).toBe(200);
    expect((await t.admin.patch(uc("/shares/seen"), { updates: [{ action: "ADD", data_object: { name: "lake.delta.basic", shared_as: "x.basic" } }] })).status).toBe(200);
  });

  it("lets a USE SHARE holder list and get shares it does not own, but not change or drop them", async () => {
    const dave = await t.user("dave@example.com");
    expect((await dave.get(uc("/shares"))).body.shares ?? []).toEqual([]);
    const hidden = await dave.get(uc("/shares/seen"));
    expect(hidden.status).toBe(404);
    expect(hidden.body.error_code).toBe("NOT_FOUND");
    expect((await dave.get(uc("/shares/seen/permissions"))).status).toBe(404);

    await grantDirect(t.services, "metastore", "metastore", dave.principalId, "USE SHARE");
    const all = (await t.admin.get(uc("/shares"))).body.shares.map((s: any) => s.name);
    expect(all).toContain("seen");
    expect((await dave.get(uc("/shares"))).body.shares.map((s: any) => s.name)).toEqual(all);
    const got = await dave.get(uc("/shares/seen?include_shared_data=true"));
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({ name: "seen", owner: "admin", comment: "admin's" });
    expect(got.body.objects).toEqual([expect.objectContaining({ name: "lake.delta.basic", shared_as: "x.basic" })]);
    expect((await dave.get(uc("/shares/seen/permissions"))).body).toEqual({ privilege_assignments: [] });

    const patched = await dave.patch(uc("/shares/seen"), { comment: "mine now" });
    expect(patched.status).toBe(403);
    expect(patched.body.error_code).toBe("PERMISSION_DENIED");
    expect((await dave.delete(uc("/shares/seen"))).status).toBe(403);
    // Seeing a share is not the right to grant it.
    const granted = await grantTo(dave, "seen");
    expect(granted.status).toBe(403);
    expect(granted.body.error_code).toBe("PERMISSION_DENIED");
    expect((await t.admin.get(uc("/shares/seen"))).body.comment).toBe("admin's");
    const [audit] = await t.services.db.select().from(auditLog).where(and(eq(auditLog.actionName, "updateSharePermissions"), eq(auditLog.principalName, "dave@example.com"))).orderBy(desc(auditLog.seq)).limit(1);
    expect(audit).toMatchObject({ outcome: "denied", statusCode: 403, securableFullName: "seen" });
  });

  it("lets USE SHARE + SET SHARE PERMISSION + USE RECIPIENT grant and revoke SELECT to a recipient; any one missing is denied", async () => {
    const erin = await t.user("erin@example.com");
    expect((await grantTo(erin, "seen")).status).toBe(404); // nothing: the share is hidden
    await grantDirect(t.services, "metastore", "metastore", erin.principalId, "SET SHARE PERMISSION");
    await grantDirect(t.services, "metastore", "metastore", erin.principalId, "USE RECIPIENT");
    // Without USE SHARE the share stays hidden (Databricks: USE SHARE and SET SHARE PERMISSION, or ownership).
    const noUse = await grantTo(erin, "seen");
    expect(noUse.status).toBe(404);
    expect(noUse.body.error_code).toBe("NOT_FOUND");

    const frank = await t.user("frank@example.com");
    await grantDirect(t.services, "metastore", "metastore", frank.principalId, "USE SHARE");
    await grantDirect(t.services, "metastore", "metastore", frank.principalId, "USE RECIPIENT");
    const noSet = await grantTo(frank, "seen");
    expect(noSet.status).toBe(403);
    expect(noSet.body.error_code).toBe("PERMISSION_DENIED");

    const gina = await t.user("gina@example.com");
    await grantDirect(t.services, "metastore", "metastore", gina.principalId, "USE SHARE");
    await grantDirect(t.services, "metastore", "metastore", gina.principalId, "SET SHARE PERMISSION");
    const noRecipient = await grantTo(gina, "seen");
    expect(noRecipient.status).toBe(404); // the recipient is hidden from her
    expect(noRecipient.body.error_code).toBe("NOT_FOUND");
    expect((await t.admin.get(uc("/shares/seen/permissions"))).body).toEqual({ privilege_assignments: [] });

    await grantDirect(t.services, "metastore", "metastore", erin.principalId, "USE SHARE");
    const granted = await grantTo(erin, "seen");
    expect(granted.status).toBe(200);
    expect(granted.body).toEqual({ privilege_assignments: [{ principal: "acme", privileges: ["SELECT"] }] });
    expect((await t.admin.get(uc("/shares/seen/permissions"))).body.privilege_assignments).toEqual([{ principal: "acme", privileges: ["SELECT"] }]);
    expect((await t.admin.get(uc("/recipients/acme/share-permissions"))).body.permissions_out.map((p: any) => p.share_name)).toContain("seen");
    // The delegated right covers revoking, and still not changing the share itself.
    expect((await erin.patch(uc("/shares/seen"), { comment: "x" })).status).toBe(403);
    expect((await grantTo(frank, "seen", "acme", "remove")).status).toBe(403);
    const revoked = await grantTo(erin, "seen", "acme", "remove");
    expect(revoked.status).toBe(200);
    expect((await t.admin.get(uc("/shares/seen/permissions"))).body).toEqual({ privilege_assignments: [] });
    const audits = await t.services.db.select().from(auditLog).where(and(eq(auditLog.actionName, "updateSharePermissions"), eq(auditLog.securableFullName, "seen")));
    expect(audits.filter((a) => a.principalName === "erin@example.com").map((a) => a.outcome)).toEqual(["denied", "denied", "success", "success"]);
  });
});
