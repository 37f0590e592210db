import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { startTestApp, type TestApp } from "../../support/app";
import { uc } from "../../support/client";
import { principals } from "../../../schema/index";
import { auditRows, scim } from "../../auth/helpers";
import { m2mToken, servicePrincipal } from "./helpers";

let t: TestApp;
beforeAll(async () => (t = await startTestApp()));
afterAll(() => t.close());

const INVALID_CLIENT = { error: "invalid_client", error_description: "Client authentication failed." };

describe("client credentials: security", () => {
  it("answers a wrong secret, an unknown client and an inactive principal exactly alike", async () => {
    const sp = await servicePrincipal(t, "etl");
    const wrong = await m2mToken(t, sp.clientId, `${sp.secret}x`);
    const unknown = await m2mToken(t, crypto.randomUUID(), sp.secret);
    await t.admin.patch(scim(`/ServicePrincipals/${sp.id}`), { Operations: [{ op: "replace", path: "active", value: false }] });
    const inactive = await m2mToken(t, sp.clientId, sp.secret);
    for (const res of [wrong, unknown, inactive]) {
      expect(res.status).toBe(401);
      expect(res.body).toEqual(INVALID_CLIENT);
    }
    const reasons = (await auditRows(t.services)).filter((r) => r.actionName === "clientCredentials" && r.outcome === "failed").map((r) => r.errorMessage);
    expect(reasons).toEqual(["wrong client secret", "unknown client", "service principal inactive"]);
  });

  it("stops a principal's M2M token when it is deactivated", async () => {
    const sp = await servicePrincipal(t, "reporting");
    const token = (await m2mToken(t, sp.clientId, sp.secret)).body.access_token;
    expect((await t.client(token).get(uc("/catalogs"))).status).toBe(200);
    await t.admin.patch(scim(`/ServicePrincipals/${sp.id}`), { Operations: [{ op: "replace", value: { active: false } }] });
    expect((await t.client(token).get(uc("/catalogs"))).status).toBe(401);
  });

  it("retires the old secret when a new one is made, and every secret when it is removed", async () => {
    const sp = await servicePrincipal(t, "rotating");
    const next = await t.admin.post(scim(`/ServicePrincipals/${sp.id}/secrets`), {});
    expect((await m2mToken(t, sp.clientId, sp.secret)).status).toBe(401);
    expect((await m2mToken(t, sp.clientId, next.body.secret)).status).toBe(200);
    expect((await t.admin.delete(scim(`/ServicePrincipals/${sp.id}/secrets`))).status).toBe(204);
    expect((await m2mToken(t, sp.clientId, next.body.secret)).status).toBe(401);
  });

  it("keeps only the secret's hash", async () => {
    const sp = await servicePrincipal(t, "hashed");
    const [row] = await t.services.db.select().from(principals).where(eq(principals.id, sp.id));
    expect(row!.secretHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(sp.secret);
  });

  it("refuses a user's name as a client id (only service principals use client credentials)", async () => {
    expect((await m2mToken(t, "admin", "anything")).status).toBe(401);
  });
});
