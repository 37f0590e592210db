import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../support/app";
import { DB_SCIM, PATCH_SCHEMA, SCIM_JSON, USER_SCHEMA, auditRows, scim } from "../../auth/helpers";

let t: TestApp;
beforeAll(async () => (t = await startTestApp()));
afterAll(() => t.close());

const create = (body: Record<string, unknown>, prefix?: string) => t.admin.call("POST", scim("/Users", prefix), { schemas: [USER_SCHEMA], ...body }, SCIM_JSON);

describe("SCIM Users: round trip", () => {
  it("creates a user (201, Location, scim+json) and reads it back", async () => {
    const res = await create({ userName: "ann@example.com", displayName: "Ann Lee", name: { givenName: "Ann", familyName: "Lee" }, externalId: "ext-1" });
    expect(res.status).toBe(201);
    expect(res.headers.get("content-type")).toContain("application/scim+json");
    expect(res.body).toMatchObject({
      schemas: [USER_SCHEMA],
      userName: "ann@example.com",
      displayName: "Ann Lee",
      externalId: "ext-1",
      active: true,
      name: { givenName: "Ann", familyName: "Lee" },
      emails: [{ value: "ann@example.com", primary: true, type: "work" }],
      groups: [],
      meta: { resourceType: "User", created: expect.any(String), lastModified: expect.any(String) },
    });
    expect(res.headers.get("location")).toBe(res.body.meta.location);
    expect(res.body.meta.location).toBe(`http://localhost/api/1.0/unity-control/scim2/Users/${res.body.id}`);
    const got = await t.admin.get(scim(`/Users/${res.body.id}`));
    expect(got.body).toEqual(res.body);
    // The same user through Databricks' path, located there.
    const viaDatabricks = await t.admin.get(scim(`/Users/${res.body.id}`, DB_SCIM));
    expect(viaDatabricks.body.meta.location).toBe(`http://localhost${DB_SCIM}/Users/${res.body.id}`);
  });

  it("filters and pages lists (1-based startIndex, count, totalResults)", async () => {
    for (const n of ["p1", "p2", "p3", "p4"]) await create({ userName: `${n}@paging.example`, displayName: `Pager ${n}` });
    const byName = await t.admin.get(scim(`/Users?filter=${encodeURIComponent('userName eq "P2@PAGING.example"')}`));
    expect(byName.body).toMatchObject({ schemas: ["urn:ietf:params:scim:api:messages:2.0:ListResponse"], totalResults: 1, itemsPerPage: 1, startIndex: 1 });
    expect(byName.body.Resources[0].userName).toBe("p2@paging.example");
    const page = await t.admin.get(scim(`/Users?filter=${encodeURIComponent('userName ew "@paging.example"')}&startIndex=2&count=2`));
    expect(page.body).toMatchObject({ totalResults: 4, itemsPerPage: 2, startIndex: 2 });
    expect(page.body.Resources.map((r: { userName: string }) => r.userName)).toEqual(["p2@paging.example", "p3@paging.example"]);
    const counted = await t.admin.get(scim(`/Users?filter=${encodeURIComponent('displayName sw "pager"')}&count=0`));
    expect(counted.body).toMatchObject({ totalResults: 4, itemsPerPage: 0, Resources: [] });
    const complex = `(emails.value co "p1@" or emails[value eq "p3@paging.example"]) and active eq true and not (externalId pr)`;
    const matched = await t.admin.get(scim(`/Users?filter=${encodeURIComponent(complex)}`));
    expect(matched.body.Resources.map((r: { userName: string }) => r.userName)).toEqual(["p1@paging.example", "p3@paging.example"]);
    const projected = await t.admin.get(scim(`/Users?filter=${encodeURIComponent('userName eq "p1@paging.example"')}&attributes=userName`));
    expect(Object.keys(projected.body.Resources[0]).sort()).toEqual(["id", "schemas", "userName"]);
  });

  it("replaces with PUT and patches with PatchOp", async () => {
    const { body: user } = await create({ userName: "bob@example.com" });
    const put = await t.admin.call("PUT", scim(`/Users/${user.id}`), { schemas: [USER_SCHEMA], id: user.id, userName: "bob@example.com", displayName: "Bob", title: "Engineer", active: true }, SCIM_JSON);
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ displayName: "Bob", title: "Engineer" });
    const patched = await t.admin.call(
      "PATCH",
      scim(`/Users/${user.id}`),
      { schemas: [PATCH_SCHEMA], Operations: [{ op: "replace", path: "displayName", value: "Robert" }, { op: "remove", path: "title" }, { op: "add", path: "name.givenName", value: "Robert" }] },
      SCIM_JSON,
    );
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ displayName: "Robert", name: { givenName: "Robert" } });
    expect(patched.body).not.toHaveProperty("title");
  });

  it("deletes with 204, then answers 404", async () => {
    const { body: user } = await create({ userName: "gone@example.com" });
    const del = await t.admin.delete(scim(`/Users/${user.id}`));
    expect(del.status).toBe(204);
    expect((await t.admin.get(scim(`/Users/${user.id}`))).status).toBe(404);
  });

  it("answers /Me with the caller's own user, and audits every change", async () => {
    const me = await t.admin.get(scim("/Me"));
    expect(me.body).toMatchObject({ userName: "admin", active: true });
    const actions = (await auditRows(t.services)).filter((r) => r.serviceName === "accounts").map((r) => r.actionName);
    expect(actions).toEqual(expect.arrayContaining(["createUser", "updateUser", "patchUser", "deleteUser"]));
  });

  it("serves ServiceProviderConfig", async () => {
    const res = await t.admin.get(scim("/ServiceProviderConfig"));
    expect(res.body).toMatchObject({ patch: { supported: true }, filter: { supported: true, maxResults: 1000 } });
  });
});
