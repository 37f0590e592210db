import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../support/app";
import { PATCH_SCHEMA, SCIM_JSON, scim } from "../../auth/helpers";

let t: TestApp;
beforeAll(async () => (t = await startTestApp()));
afterAll(() => t.close());

const patch = (id: string, ops: unknown[]) => t.admin.call("PATCH", scim(`/Groups/${id}`), { schemas: [PATCH_SCHEMA], Operations: ops }, SCIM_JSON);
const group = async (name: string, members: string[] = []) => (await t.admin.post(scim("/Groups"), { displayName: name, members: members.map((value) => ({ value })) })).body.id as string;

describe("SCIM Groups: errors", () => {
  it("refuses a membership cycle with 400 and leaves memberships as they were", async () => {
    const a = await group("a");
    const b = await group("b", [a]);
    const c = await group("c", [b]);
    const cycle = await patch(a, [{ op: "add", path: "members", value: [{ value: c }] }]);
    expect(cycle.status).toBe(400);
    expect(cycle.body).toMatchObject({ scimType: "invalidValue", detail: "Adding this group would create a membership cycle." });
    const self = await patch(a, [{ op: "add", path: "members", value: [{ value: a }] }]);
    expect(self.status).toBe(400);
    expect((await t.admin.get(scim(`/Groups/${a}`))).body.members).toEqual([]);
  });

  it("refuses unknown and malformed member ids with 400 invalidValue", async () => {
    const g = await group("members");
    const unknown = await patch(g, [{ op: "add", path: "members", value: [{ value: crypto.randomUUID() }] }]);
    expect(unknown.status).toBe(400);
    expect(unknown.body.scimType).toBe("invalidValue");
    const malformed = await t.admin.post(scim("/Groups"), { displayName: "x", members: [{ display: "no value" }] });
    expect(malformed.status).toBe(400);
  });

  it("409 for a name used by another group or by a user", async () => {
    await group("dup");
    expect((await t.admin.post(scim("/Groups"), { displayName: "DUP" })).status).toBe(409);
    await t.user("clash@example.com");
    const clash = await t.admin.post(scim("/Groups"), { displayName: "clash@example.com" });
    expect(clash.status).toBe(409);
    expect(clash.body.scimType).toBe("uniqueness");
    const renamed = await patch(await group("other"), [{ op: "replace", path: "displayName", value: "dup" }]);
    expect(renamed.status).toBe(409);
  });

  it("protects the built-in `account users` group", async () => {
    const list = await t.admin.get(scim(`/Groups?filter=${encodeURIComponent('displayName eq "account users"')}`));
    const id = list.body.Resources[0].id;
    expect((await t.admin.delete(scim(`/Groups/${id}`))).status).toBe(400);
    const rename = await patch(id, [{ op: "replace", path: "displayName", value: "everyone" }]);
    expect(rename.status).toBe(400);
    expect(rename.body.scimType).toBe("mutability");
  });

  it("400 for a missing displayName and 404 for an unknown group", async () => {
    expect((await t.admin.post(scim("/Groups"), { members: [] })).body).toMatchObject({ status: "400", scimType: "invalidValue" });
    expect((await patch(crypto.randomUUID(), [{ op: "add", path: "members", value: [] }])).status).toBe(404);
  });
});
