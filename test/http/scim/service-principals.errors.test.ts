import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../support/app";
import { scim } from "../../auth/helpers";

let t: TestApp;
beforeAll(async () => (t = await startTestApp()));
afterAll(() => t.close());

describe("SCIM ServicePrincipals: errors", () => {
  it("400 for an applicationId that is not a UUID, and for changing it", async () => {
    const bad = await t.admin.post(scim("/ServicePrincipals"), { applicationId: "my-app" });
    expect(bad.body).toMatchObject({ status: "400", scimType: "invalidValue", detail: "applicationId must be a UUID." });
    const sp = (await t.admin.post(scim("/ServicePrincipals"), { displayName: "x" })).body;
    const change = await t.admin.patch(scim(`/ServicePrincipals/${sp.id}`), { Operations: [{ op: "replace", path: "applicationId", value: crypto.randomUUID() }] });
    expect(change.body).toMatchObject({ status: "400", scimType: "mutability" });
  });

  it("409 for a duplicate applicationId", async () => {
    const appId = crypto.randomUUID();
    await t.admin.post(scim("/ServicePrincipals"), { applicationId: appId });
    const again = await t.admin.post(scim("/ServicePrincipals"), { applicationId: appId.toUpperCase() });
    expect(again.status).toBe(409);
  });

  it("404 for a secret of an unknown id or of a user", async () => {
    expect((await t.admin.post(scim(`/ServicePrincipals/${crypto.randomUUID()}/secrets`), {})).status).toBe(404);
    const ann = await t.user("ann@example.com");
    expect((await t.admin.post(scim(`/ServicePrincipals/${ann.principalId}/secrets`), {})).status).toBe(404);
  });

  it("400 invalidFilter for user attributes on service principals", async () => {
    const res = await t.admin.get(scim(`/ServicePrincipals?filter=${encodeURIComponent('userName eq "x"')}`));
    expect(res.body).toMatchObject({ status: "400", scimType: "invalidFilter" });
  });
});
