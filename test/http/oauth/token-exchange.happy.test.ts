import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from "jose";
import { uc } from "../../support/client";
import { auditRows, createScimUser, postForm, startOidcApp } from "../../auth/helpers";

let env: Awaited<ReturnType<typeof startOidcApp>>;
beforeAll(async () => {
  env = await startOidcApp();
  await createScimUser(env.t, "ann@example.com");
});
afterAll(() => env.close());

const exchange = async (subject: string) =>
  postForm(env.t.client(), "/api/1.0/unity-control/auth/tokens", {
    grant_type: "urn:ietf:params:oauth:grant-type:token-exchange",
    subject_token: subject,
    subject_token_type: "urn:ietf:params:oauth:token-type:id_token",
    requested_token_type: "urn:ietf:params:oauth:token-type:access_token",
  });

describe("token exchange (Unity Catalog's /auth/tokens)", () => {
  it("exchanges a provider's token for a Lakeward JWT that works as a bearer token", async () => {
    const res = await exchange(await env.idp.sign({ sub: "a", email: "ann@example.com" }));
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.body).toEqual({
      access_token: expect.any(String),
      issued_token_type: "urn:ietf:params:oauth:token-type:access_token",
      token_type: "Bearer",
      expires_in: 3600,
      scope: "all-apis",
    });
    expect((await env.t.client(res.body.access_token).get(uc("/catalogs"))).status).toBe(200);
    const audit = (await auditRows(env.t.services)).find((r) => r.actionName === "tokenExchange");
    expect(audit).toMatchObject({ outcome: "success", principalName: "ann@example.com", requestParams: { issuer: env.idp.issuer } });
  });

  it("publishes public keys that verify its tokens, and no private key material", async () => {
    const token = (await exchange(await env.idp.sign({ sub: "a", email: "ann@example.com" }))).body.access_token;
    const jwks = await env.t.client().get("/.well-known/jwks.json");
    expect(jwks.status).toBe(200);
    for (const key of jwks.body.keys) {
      expect(key).toMatchObject({ kty: "EC", crv: "P-256", alg: "ES256", use: "sig" });
      expect(key).not.toHaveProperty("d");
    }
    const { payload } = await jwtVerify(token, createLocalJWKSet(jwks.body), { issuer: "lakeward", audience: "lakeward" });
    expect(payload.name).toBe("ann@example.com");
  });

  it("logs out: the token used is revoked at once", async () => {
    const token = (await exchange(await env.idp.sign({ sub: "a", email: "ann@example.com" }))).body.access_token;
    const out = await env.t.client(token).post("/api/1.0/unity-control/auth/logout", {});
    expect(out.status).toBe(200);
    expect(out.body).toEqual({});
    expect((await env.t.client(token).get(uc("/catalogs"))).status).toBe(401);
  });

  it("rotates its signing key: new tokens use the new key, old tokens keep working", async () => {
    const old = (await exchange(await env.idp.sign({ sub: "a", email: "ann@example.com" }))).body.access_token;
    const rotated = await env.t.admin.post("/api/1.0/unity-control/auth/signing-keys/rotate", {});
    expect(rotated.status).toBe(200);
    const fresh = (await exchange(await env.idp.sign({ sub: "a", email: "ann@example.com" }))).body.access_token;
    expect(decodeProtectedHeader(fresh).kid).toBe(rotated.body.kid);
    expect(decodeProtectedHeader(old).kid).not.toBe(rotated.body.kid);
    for (const token of [old, fresh]) expect((await env.t.client(token).get(uc("/catalogs"))).status).toBe(200);
    const kids = (await env.t.client().get("/.well-known/jwks.json")).body.keys.map((k: { kid: string }) => k.kid);
    expect(kids).toEqual(expect.arrayContaining([rotated.body.kid, decodeProtectedHeader(old).kid]));
  });
});
