import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../support/app";
import { uc } from "../../support/client";
import { grantDirect } from "../../support/grants";
import { GROUP_SCHEMA, PATCH_SCHEMA, SCIM_JSON, scim } from "../../auth/helpers";

let t: TestApp;
beforeAll(async () => (t = await startTestApp()));
afterAll(() => t.close());

const patch = (id: string, ops: unknown[]) => t.admin.call("PATCH", scim(`/Groups/${id}`), { schemas: [PATCH_SCHEMA], Operations: ops }, SCIM_JSON);
const memberIds = (g: { members: { value: string }[] }) => g.members.map((m) => m.value).sort();

describe("SCIM Groups", () => {
  it("creates a group with users, service principals and groups as members", async () => {
    const ann = await t.user("ann@example.com");
    const sp = await t.admin.post(scim("/ServicePrincipals"), { displayName: "etl" });
    const inner = await t.admin.post(scim("/Groups"), { displayName: "inner" });
    const res = await t.admin.call("POST", scim("/Groups"), { schemas: [GROUP_SCHEMA], displayName: "Data Eng", externalId: "okta-1", members: [{ value: ann.principalId }, { value: sp.body.id }, { value: inner.body.id }] }, SCIM_JSON);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ schemas: [GROUP_SCHEMA], displayName: "Data Eng", externalId: "okta-1", meta: { resourceType: "Group" } });
    expect(res.body.members).toEqual(
      expect.arrayContaining([
        { value: ann.principalId, display: "ann@example.com", type: "User", $ref: `http://localhost/api/1.0/unity-control/scim2/Users/${ann.principalId}` },
        expect.objectContaining({ value: sp.body.id, type: "ServicePrincipal" }),
        expect.objectContaining({ value: inner.body.id, display: "inner", type: "Group" }),
      ]),
    );
    const user = await t.admin.get(scim(`/Users/${ann.principalId}`));
    expect(user.body.groups).toEqual([expect.objectContaining({ value: res.body.id, display: "Data Eng", type: "Group" })]);
  });

  it("finds groups by displayName and member, optionally without members", async () => {
    const bob = await t.user("bob@example.com");
    const g = await t.admin.post(scim("/Groups"), { displayName: "Finance", members: [{ value: bob.principalId }] });
    const byName = await t.admin.get(scim(`/Groups?filter=${encodeURIComponent('displayName eq "finance"')}&excludedAttributes=members`));
    expect(byName.body.totalResults).toBe(1);
    expect(byName.body.Resources[0]).not.toHaveProperty("members");
    const byMember = await t.admin.get(scim(`/Groups?filter=${encodeURIComponent(`members[value eq "${bob.principalId}"]`)}`));
    expect(byMember.body.Resources.map((r: { id: string }) => r.id)).toEqual([g.body.id]);
  });

  it("adds, removes and replaces members with PATCH, and renames", async () => {
    const [a, b, c] = [await t.user("a@example.com"), await t.user("b@example.com"), await t.user("c@example.com")];
    const g = (await t.admin.post(scim("/Groups"), { displayName: "team" })).body;
    const added = await patch(g.id, [{ op: "add", path: "members", value: [{ value: a.principalId }, { value: b.principalId }] }]);
    expect(memberIds(added.body)).toEqual([a.principalId, b.principalId].sort());
    const removed = await patch(g.id, [{ op: "remove", path: `members[value eq "${a.principalId}"]` }]);
    expect(memberIds(removed.body)).toEqual([b.principalId]);
    const replaced = await patch(g.id, [{ op: "replace", path: "members", value: [{ value: c.principalId }] }, { op: "replace", path: "displayName", value: "team-2" }]);
    expect(memberIds(replaced.body)).toEqual([c.principalId]);
    expect(replaced.body.displayName).toBe("team-2");
    const put = await t.admin.call("PUT", scim(`/Groups/${g.id}`), { schemas: [GROUP_SCHEMA], displayName: "team-2", members: [] }, SCIM_JSON);
    expect(put.body.members).toEqual([]);
    expect((await t.admin.delete(scim(`/Groups/${g.id}`))).status).toBe(204);
    expect((await t.admin.get(scim(`/Groups/${g.id}`))).status).toBe(404);
  });

  it("lets nested membership grant access: a grant to the outer group reaches a user of the inner one", async () => {
    const dee = await t.user("dee@example.com");
    const inner = (await t.admin.post(scim("/Groups"), { displayName: "inner-2", members: [{ value: dee.principalId }] })).body;
    const outer = (await t.admin.post(scim("/Groups"), { displayName: "outer-2", members: [{ value: inner.id }] })).body;
    await t.admin.post(uc("/catalogs"), { name: "nested" });
    await grantDirect(t.services, "catalog", "nested", outer.id, "USE CATALOG");
    expect((await dee.get(uc("/catalogs/nested"))).status).toBe(200);
    await patch(outer.id, [{ op: "remove", path: "members", value: [{ value: inner.id }] }]);
    expect((await dee.get(uc("/catalogs/nested"))).status).toBe(404);
  });
});
