import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../support/app";
import { auditRows, scim } from "../../auth/helpers";

let t: TestApp;
beforeAll(async () => (t = await startTestApp()));
afterAll(() => t.close());

describe("SCIM ServicePrincipals: security", () => {
  it("lets only metastore admins create principals or secrets", async () => {
    const eve = await t.user("eve@example.com");
    const sp = (await t.admin.post(scim("/ServicePrincipals"), { displayName: "prod" })).body;
    expect((await eve.post(scim("/ServicePrincipals"), { displayName: "mine" })).status).toBe(403);
    const steal = await eve.post(scim(`/ServicePrincipals/${sp.id}/secrets`), {});
    expect(steal.status).toBe(403);
    expect(steal.body).not.toHaveProperty("secret");
    expect((await eve.delete(scim(`/ServicePrincipals/${sp.id}/secrets`))).status).toBe(403);
  });

  it("audits secret creation without the secret", async () => {
    const sp = (await t.admin.post(scim("/ServicePrincipals"), { displayName: "audited" })).body;
    const secret = (await t.admin.post(scim(`/ServicePrincipals/${sp.id}/secrets`), {})).body.secret;
    const rows = await auditRows(t.services);
    expect(rows.find((r) => r.actionName === "createServicePrincipalSecret" && r.securableId === sp.id)).toMatchObject({ outcome: "success", securableId: sp.id, securableFullName: sp.applicationId });
    expect(JSON.stringify(rows)).not.toContain(secret);
  });
});
