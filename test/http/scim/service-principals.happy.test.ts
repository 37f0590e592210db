import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../support/app";
import { DB_SCIM, scim } from "../../auth/helpers";

let t: TestApp;
beforeAll(async () => (t = await startTestApp()));
afterAll(() => t.close());

const SP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:ServicePrincipal";

describe("SCIM ServicePrincipals", () => {
  it("creates one with a generated applicationId (a UUID) and finds it by it", async () => {
    const res = await t.admin.post(scim("/ServicePrincipals", DB_SCIM), { schemas: [SP_SCHEMA], displayName: "nightly etl" });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ schemas: [SP_SCHEMA], displayName: "nightly etl", active: true, groups: [], meta: { resourceType: "ServicePrincipal" } });
    expect(res.body.applicationId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const found = await t.admin.get(scim(`/ServicePrincipals?filter=${encodeURIComponent(`applicationId eq "${res.body.applicationId.toUpperCase()}"`)}`, DB_SCIM));
    expect(found.body.Resources.map((r: { id: string }) => r.id)).toEqual([res.body.id]);
  });

  it("keeps a given applicationId, patches and deletes", async () => {
    const appId = crypto.randomUUID();
    const sp = (await t.admin.post(scim("/ServicePrincipals"), { applicationId: appId, displayName: "given" })).body;
    expect(sp.applicationId).toBe(appId);
    const patched = await t.admin.patch(scim(`/ServicePrincipals/${sp.id}`), { Operations: [{ op: "replace", path: "displayName", value: "renamed" }, { op: "replace", path: "active", value: false }] });
    expect(patched.body).toMatchObject({ displayName: "renamed", active: false, applicationId: appId });
    expect((await t.admin.delete(scim(`/ServicePrincipals/${sp.id}`))).status).toBe(204);
  });

  it("creates a client secret, shown once", async () => {
    const sp = (await t.admin.post(scim("/ServicePrincipals"), { displayName: "with secret" })).body;
    const secret = await t.admin.post(scim(`/ServicePrincipals/${sp.id}/secrets`), {});
    expect(secret.status).toBe(200);
    expect(secret.headers.get("cache-control")).toBe("no-store");
    expect(secret.body).toEqual({ client_id: sp.applicationId, secret: expect.stringMatching(/^lkws_[A-Za-z0-9_-]{43}$/), status: "ACTIVE", create_time: expect.any(Number) });
    expect(JSON.stringify((await t.admin.get(scim(`/ServicePrincipals/${sp.id}`))).body)).not.toContain(secret.body.secret);
  });
});
