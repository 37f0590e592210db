import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { startTestApp, type TestApp } from "../../support/app";
import { uc } from "../../support/client";
import { grantDirect } from "../../support/grants";
import { queryRows } from "../../../src/db/rows";
import { auditRows, scim } from "../../auth/helpers";

let t: TestApp;
beforeAll(async () => (t = await startTestApp()));
afterAll(() => t.close());

describe("SCIM Groups: security", () => {
  it("lets only metastore admins read or change groups, so nobody adds themselves to one", async () => {
    const eve = await t.user("eve@example.com");
    const admins = (await t.admin.post(scim("/Groups"), { displayName: "admins-ish" })).body;
    expect((await eve.get(scim("/Groups"))).status).toBe(403);
    expect((await eve.get(scim(`/Groups/${admins.id}`))).status).toBe(403);
    expect((await eve.post(scim("/Groups"), { displayName: "mine" })).status).toBe(403);
    const join = await eve.patch(scim(`/Groups/${admins.id}`), { Operations: [{ op: "add", path: "members", value: [{ value: eve.principalId }] }] });
    expect(join.status).toBe(403);
    expect((await t.admin.get(scim(`/Groups/${admins.id}`))).body.members).toEqual([]);
    expect((await eve.delete(scim(`/Groups/${admins.id}`))).status).toBe(403);
  });

  it("appends one authz change per membership change, in the same transaction, and audits it", async () => {
    const [a, b] = [await t.user("a@example.com"), await t.user("b@example.com")];
    const count = async () => Number((await queryRows<{ n: number }>(t.services.db, sql`select count(*) as n from authz_changes where principal_id is not null`))[0]!.n);
    const before = await count();
    const g = (await t.admin.post(scim("/Groups"), { displayName: "feed", members: [{ value: a.principalId }, { value: b.principalId }] })).body;
    expect(await count()).toBe(before + 2);
    await t.admin.patch(scim(`/Groups/${g.id}`), { Operations: [{ op: "remove", path: `members[value eq "${a.principalId}"]` }] });
    expect(await count()).toBe(before + 3);
    const row = (await auditRows(t.services)).filter((r) => r.actionName === "patchGroup").at(-1)!;
    expect(row).toMatchObject({ outcome: "success", securableFullName: "feed", details: { membersRemoved: [a.principalId] } });
  });

  it("ends access granted through a group as soon as the group is deleted", async () => {
    const dee = await t.user("dee@example.com");
    const g = (await t.admin.post(scim("/Groups"), { displayName: "readers", members: [{ value: dee.principalId }] })).body;
    await t.admin.post(uc("/catalogs"), { name: "c1" });
    await grantDirect(t.services, "catalog", "c1", g.id, "USE CATALOG");
    expect((await dee.get(uc("/catalogs/c1"))).status).toBe(200);
    expect((await t.admin.delete(scim(`/Groups/${g.id}`))).status).toBe(204);
    expect((await dee.get(uc("/catalogs/c1"))).status).toBe(404);
  });
});
