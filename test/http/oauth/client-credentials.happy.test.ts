import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeJwt, decodeProtectedHeader } from "jose";
import { startTestApp, type TestApp } from "../../support/app";
import { uc } from "../../support/client";
import { auditRows, postForm, scim } from "../../auth/helpers";
import { m2mToken, servicePrincipal } from "./helpers";

let t: TestApp;
beforeAll(async () => (t = await startTestApp()));
afterAll(() => t.close());

describe("OAuth M2M: client credentials at /oidc/v1/token", () => {
  it("issues a short-lived Lakeward JWT for a service principal's id and secret (HTTP Basic)", async () => {
    const sp = await servicePrincipal(t, "nightly-etl");
    const res = await m2mToken(t, sp.clientId, sp.secret);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.body).toEqual({ access_token: expect.any(String), token_type: "Bearer", expires_in: 3600, scope: "all-apis" });
    expect(decodeProtectedHeader(res.body.access_token)).toMatchObject({ alg: "ES256", typ: "at+jwt" });
    expect(decodeJwt(res.body.access_token)).toMatchObject({ iss: "lakeward", aud: "lakeward", sub: sp.id, scope: "all-apis" });

    const client = t.client(res.body.access_token);
    expect((await client.get(uc("/catalogs"))).status).toBe(200);
    const me = await client.get(scim("/Me"));
    expect(me.body).toMatchObject({ id: sp.id, applicationId: sp.clientId, displayName: "nightly-etl", schemas: ["urn:ietf:params:scim:schemas:core:2.0:ServicePrincipal"] });
  });

  it("accepts the credentials in the form too, and a missing scope as all-apis", async () => {
    const sp = await servicePrincipal(t, "form-client");
    const res = await postForm(t.client(), "/oidc/v1/token", { grant_type: "client_credentials", client_id: sp.clientId, client_secret: sp.secret });
    expect(res.status).toBe(200);
    expect(res.body.scope).toBe("all-apis");
  });

  it("audits the sign-in", async () => {
    const sp = await servicePrincipal(t, "audited");
    await m2mToken(t, sp.clientId, sp.secret);
    const row = (await auditRows(t.services)).find((r) => r.actionName === "clientCredentials" && r.principalId === sp.id);
    expect(row).toMatchObject({ serviceName: "accounts", outcome: "success", principalName: sp.clientId });
  });
});
