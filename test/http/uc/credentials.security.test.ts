import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../support/app";
import { uc } from "../../support/client";
import { grantDirect } from "../../support/grants";
import { lastAudit } from "../../credentials/vending";

const ARN = "arn:aws:iam::123456789012:role/lakeward-data";
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  await t.admin.post(uc("/credentials"), { name: "admins", aws_iam_role: { role_arn: ARN } });
});
afterAll(() => t.close());

describe("storage credentials: who may do what", () => {
  it("creating needs CREATE STORAGE CREDENTIAL on the metastore; the creator owns the credential", async () => {
    const ann = await t.user("ann@example.com");
    const denied = await ann.post(uc("/credentials"), { name: "anns", aws_iam_role: { role_arn: ARN } });
    expect([denied.status, denied.body.error_code]).toEqual([403, "PERMISSION_DENIED"]);
    expect(denied.body.message).toContain("CREATE STORAGE CREDENTIAL");
    expect(await lastAudit(t, "createStorageCredential", "ann@example.com")).toMatchObject({ outcome: "denied", statusCode: 403 });
    await grantDirect(t.services, "metastore", "metastore", ann.principalId, "CREATE STORAGE CREDENTIAL");
    const created = await ann.post(uc("/credentials"), { name: "anns", aws_iam_role: { role_arn: ARN } });
    expect([created.status, created.body.owner]).toEqual([200, "ann@example.com"]);
    expect((await ann.patch(uc("/credentials/anns"), { comment: "mine" })).status).toBe(200);
    expect((await ann.delete(uc("/credentials/anns"))).status).toBe(200);
  });

  it("hides credentials from those without a privilege on them, exactly like missing ones", async () => {
    const bea = await t.user("bea@example.com");
    const hidden = await bea.get(uc("/credentials/admins"));
    expect(await lastAudit(t, "getStorageCredential", "bea@example.com")).toMatchObject({ outcome: "denied", details: { hidden: true } });
    const missing = await bea.get(uc("/credentials/never"));
    expect([hidden.status, hidden.body.error_code, hidden.body.message.replace("admins", "X")]).toEqual([missing.status, missing.body.error_code, missing.body.message.replace("never", "X")]);
    expect((await bea.get(uc("/credentials"))).body.credentials).toEqual([]);
    await grantDirect(t.services, "credential", "admins", bea.principalId, "CREATE EXTERNAL LOCATION");
    expect((await bea.get(uc("/credentials/admins"))).status).toBe(200);
    expect((await bea.get(uc("/credentials"))).body.credentials.map((c: any) => c.name)).toEqual(["admins"]);
  });

  it("only the owner, a MANAGE holder or a metastore admin may alter, grant on or drop it", async () => {
    const cy = await t.user("cy@example.com");
    await grantDirect(t.services, "credential", "admins", cy.principalId, "CREATE EXTERNAL LOCATION");
    expect((await cy.patch(uc("/credentials/admins"), { comment: "x" })).status).toBe(403);
    expect((await cy.patch(uc("/credentials/admins"), { owner: "cy@example.com" })).status).toBe(403);
    expect((await cy.delete(uc("/credentials/admins"))).status).toBe(403);
    const grant = await cy.patch(uc("/permissions/credential/admins"), { changes: [{ principal: "cy@example.com", add: ["MANAGE"], remove: [] }] });
    expect(grant.status).toBe(403);
    await grantDirect(t.services, "credential", "admins", cy.principalId, "MANAGE");
    expect((await cy.patch(uc("/credentials/admins"), { comment: "managed" })).status).toBe(200);
  });

  it("never answers with a secret: there is none, only the role and external id", async () => {
    const res = await t.admin.get(uc("/credentials/admins"));
    expect(Object.keys(res.body.aws_iam_role).sort()).toEqual(["external_id", "role_arn", "unity_catalog_iam_arn"]);
    expect(JSON.stringify(res.body)).not.toMatch(/secret|session_token|access_key/i);
  });
});
