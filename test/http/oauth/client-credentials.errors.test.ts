import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../support/app";
import { postForm } from "../../auth/helpers";
import { basic, m2mToken, servicePrincipal } from "./helpers";

let t: TestApp;
let sp: { id: string; clientId: string; secret: string };
beforeAll(async () => {
  t = await startTestApp();
  sp = await servicePrincipal(t, "etl");
});
afterAll(() => t.close());

describe("OAuth errors (RFC 6749 §5.2)", () => {
  it("refuses other grant types with unsupported_grant_type (400)", async () => {
    const res = await m2mToken(t, sp.clientId, sp.secret, { grant_type: "password", scope: "all-apis" });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: "unsupported_grant_type", error_description: "grant_type must be client_credentials." });
  });

  it("refuses other scopes with invalid_scope (400)", async () => {
    const res = await m2mToken(t, sp.clientId, sp.secret, { grant_type: "client_credentials", scope: "sql offline_access" });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe("invalid_scope");
  });

  it("answers invalid_request (400) for a missing grant_type, a JSON body, or two authentication methods", async () => {
    const missing = await m2mToken(t, sp.clientId, sp.secret, { scope: "all-apis" });
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({ error: "invalid_request", error_description: "Invalid grant_type: is required." });
    const json = await t.client().call("POST", "/oidc/v1/token", { grant_type: "client_credentials" }, { authorization: basic(sp.clientId, sp.secret) });
    expect(json.status).toBe(400);
    expect(json.body.error).toBe("invalid_request");
    const both = await postForm(t.client(), "/oidc/v1/token", { grant_type: "client_credentials", client_secret: sp.secret }, { authorization: basic(sp.clientId, sp.secret) });
    expect(both.status).toBe(400);
    expect(both.body.error).toBe("invalid_request");
  });

  it("answers invalid_client (401) with a challenge when no credentials are sent", async () => {
    const res = await postForm(t.client(), "/oidc/v1/token", { grant_type: "client_credentials" });
    expect(res.status).toBe(401);
    expect(res.body.error).toBe("invalid_client");
    expect(res.headers.get("www-authenticate")).toContain("Basic");
  });
});
