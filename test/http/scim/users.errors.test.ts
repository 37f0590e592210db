import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../support/app";
import { PATCH_SCHEMA, SCIM_JSON, USER_SCHEMA, scim } from "../../auth/helpers";

let t: TestApp;
let userId: string;
beforeAll(async () => {
  t = await startTestApp();
  userId = (await t.admin.call("POST", scim("/Users"), { schemas: [USER_SCHEMA], userName: "ann@example.com" }, SCIM_JSON)).body.id;
});
afterAll(() => t.close());

const ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";
const expectScimError = (res: { status: number; body: any; headers: Headers }, status: number, scimType?: string) => {
  expect(res.status).toBe(status);
  expect(res.headers.get("content-type")).toContain("application/scim+json");
  expect(res.body).toMatchObject({ schemas: [ERROR], status: String(status), detail: expect.any(String) });
  if (scimType) expect(res.body.scimType).toBe(scimType);
  else expect(res.body).not.toHaveProperty("scimType");
};

describe("SCIM Users: errors are SCIM errors with the right status (never 500)", () => {
  it("409 uniqueness for a duplicate userName, case-insensitively", async () => {
    const res = await t.admin.call("POST", scim("/Users"), { userName: "ANN@example.com" }, SCIM_JSON);
    expectScimError(res, 409, "uniqueness");
  });

  it("400 invalidValue for a missing or bad userName and a non-boolean active", async () => {
    expectScimError(await t.admin.post(scim("/Users"), { displayName: "no name" }), 400, "invalidValue");
    expectScimError(await t.admin.post(scim("/Users"), { userName: "x\u0000y" }), 400, "invalidValue");
    expectScimError(await t.admin.post(scim("/Users"), { userName: "z@example.com", active: "maybe" }), 400, "invalidValue");
  });

  it("400 invalidFilter for a malformed filter or an unknown attribute", async () => {
    expectScimError(await t.admin.get(scim(`/Users?filter=${encodeURIComponent('userName eq "unterminated')}`)), 400, "invalidFilter");
    const unknown = await t.admin.get(scim(`/Users?filter=${encodeURIComponent('password eq "x"')}`));
    expectScimError(unknown, 400, "invalidFilter");
    expect(unknown.body.detail).toBe("Cannot filter User resources on 'password'.");
  });

  it("400 invalidPath / invalidSyntax / noTarget for bad PATCH requests", async () => {
    const patch = (ops: unknown) => t.admin.call("PATCH", scim(`/Users/${userId}`), { schemas: [PATCH_SCHEMA], Operations: ops }, SCIM_JSON);
    expectScimError(await patch([{ op: "replace", path: "emails[type eq", value: "x" }]), 400, "invalidPath");
    expectScimError(await patch([{ op: "copy", path: "title", value: "x" }]), 400, "invalidSyntax");
    expectScimError(await patch([{ op: "remove" }]), 400, "noTarget");
    expectScimError(await patch([]), 400, "invalidSyntax");
    expectScimError(await patch([{ op: "replace", path: "id", value: crypto.randomUUID() }]), 400, "mutability");
  });

  it("404 for an unknown, malformed or other-type id", async () => {
    expectScimError(await t.admin.get(scim(`/Users/${crypto.randomUUID()}`)), 404);
    expectScimError(await t.admin.get(scim("/Users/not-an-id")), 404);
    const group = await t.admin.post(scim("/Groups"), { displayName: "g" });
    expectScimError(await t.admin.get(scim(`/Users/${group.body.id}`)), 404);
    expectScimError(await t.admin.delete(scim(`/Users/${crypto.randomUUID()}`)), 404);
  });

  it("400 for malformed JSON and a PUT that changes the id", async () => {
    expectScimError(await t.admin.call("POST", scim("/Users"), "{oops", SCIM_JSON), 400, "invalidSyntax");
    expectScimError(await t.admin.call("PUT", scim(`/Users/${userId}`), { id: crypto.randomUUID(), userName: "ann@example.com" }, SCIM_JSON), 400, "mutability");
  });

  it("refuses to deactivate or delete the metastore owner", async () => {
    const me = (await t.admin.get(scim("/Me"))).body.id;
    expectScimError(await t.admin.patch(scim(`/Users/${me}`), { Operations: [{ op: "replace", value: { active: false } }] }), 400, "mutability");
    expectScimError(await t.admin.delete(scim(`/Users/${me}`)), 400, "mutability");
    expect((await t.admin.get(scim("/Me"))).status).toBe(200);
  });
});
