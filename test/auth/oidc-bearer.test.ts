import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SignJWT, base64url } from "jose";
import { uc } from "../support/client";
import { startOidcProvider, strayKey } from "../support/oidc-provider";
import { auditRows, createScimUser, scim, startOidcApp } from "./helpers";

let env: Awaited<ReturnType<typeof startOidcApp>>;
beforeAll(async () => {
  env = await startOidcApp();
  await createScimUser(env.t, "ann@example.com");
});
afterAll(() => env.close());

const UNAUTHENTICATED = { error_code: "UNAUTHENTICATED", message: "Invalid or missing credentials." };

async function expectRefused(token: string) {
  const res = await env.t.client(token).get(uc("/catalogs"));
  expect(res.status).toBe(401);
  expect(res.body).toMatchObject(UNAUTHENTICATED);
  return res;
}

describe("OIDC bearer tokens: accepted", () => {
  it("accepts a JWT access token from the provider's own token endpoint", async () => {
    const token = await env.idp.clientCredentialsToken({ email: "ann@example.com" });
    const res = await env.t.client(token).get(uc("/catalogs"));
    expect(res.status).toBe(200);
    const me = await env.t.client(token).get(scim("/Me"));
    expect(me.body.userName).toBe("ann@example.com");
  });

  it("accepts an ID-token-like JWT signed with the provider's key, matching the email case-insensitively", async () => {
    expect((await env.t.client(await env.idp.sign({ sub: "s-1", email: "ANN@example.com" })).get(uc("/catalogs"))).status).toBe(200);
  });

  it("maps `sub` when there is no email, and ignores an email the provider did not verify", async () => {
    await createScimUser(env.t, "subject-42");
    expect((await env.t.client(await env.idp.sign({ sub: "subject-42" })).get(scim("/Me"))).body.userName).toBe("subject-42");
    const unverified = await env.idp.sign({ sub: "subject-42", email: "ann@example.com", email_verified: false });
    expect((await env.t.client(unverified).get(scim("/Me"))).body.userName).toBe("subject-42");
  });

  it("tolerates a little clock skew", async () => {
    expect((await env.t.client(await env.idp.sign({ sub: "s", email: "ann@example.com" }, { expiresIn: -10 })).get(uc("/catalogs"))).status).toBe(200);
  });
});

describe("OIDC bearer tokens: refused with a generic 401", () => {
  const claims = { sub: "s-1", email: "ann@example.com" };

  it("refuses an expired token (beyond the skew)", async () => {
    await expectRefused(await env.idp.sign(claims, { expiresIn: -120 }));
  });

  it("refuses a token for another audience", async () => {
    await expectRefused(await env.idp.sign(claims, { audience: "someone-else" }));
  });

  it("refuses a token from an issuer that is not allow-listed, even a real provider", async () => {
    await expectRefused(await env.idp.sign(claims, { issuer: "https://evil.example.com" }));
    const other = await startOidcProvider(env.idp.audience);
    try {
      await expectRefused(await other.sign(claims));
      // Its tokens claiming our issuer are signed with keys our issuer does not publish.
      await expectRefused(await other.sign(claims, { issuer: env.idp.issuer }));
    } finally {
      await other.close();
    }
  });

  it("refuses a tampered token", async () => {
    const token = await env.idp.sign({ sub: "s-1", email: "nobody@example.com" });
    const [h, , s] = token.split(".");
    const forged = base64url.encode(JSON.stringify({ sub: "s-1", email: "admin", iss: env.idp.issuer, aud: env.idp.audience, exp: Math.floor(Date.now() / 1000) + 300 }));
    await expectRefused(`${h}.${forged}.${s}`);
  });

  it("refuses alg none", async () => {
    const header = base64url.encode(JSON.stringify({ alg: "none", typ: "JWT" }));
    const payload = base64url.encode(JSON.stringify({ ...claims, iss: env.idp.issuer, aud: env.idp.audience, exp: Math.floor(Date.now() / 1000) + 300 }));
    await expectRefused(`${header}.${payload}.`);
  });

  it("refuses HS256 signed with the provider's public key", async () => {
    const kid = (await (await fetch(`${env.idp.issuer}/jwks`)).json()).keys[0].kid;
    const token = await new SignJWT(claims)
      .setProtectedHeader({ alg: "HS256", kid })
      .setIssuer(env.idp.issuer)
      .setAudience(env.idp.audience)
      .setExpirationTime("5m")
      .sign(new TextEncoder().encode(env.idp.publicKeyPem()));
    await expectRefused(token);
  });

  it("refuses a token signed with a key the provider does not publish (unknown kid)", async () => {
    await expectRefused(await env.idp.sign(claims, { key: await strayKey() }));
  });

  it("refuses a valid token of an unknown user when JIT creation is off", async () => {
    await expectRefused(await env.idp.sign({ sub: "x", email: "stranger@example.com" }));
    const list = await env.t.admin.get(scim('/Users?filter=userName eq "stranger@example.com"'));
    expect(list.body.totalResults).toBe(0);
  });

  it("audits each refusal with a reason and never the token", async () => {
    const token = await env.idp.sign(claims, { expiresIn: -300 });
    await expectRefused(token);
    const rows = (await auditRows(env.t.services)).filter((r) => r.actionName === "oidcTokenAuthorization");
    expect(rows.map((r) => r.errorMessage)).toEqual(
      expect.arrayContaining(["expired", "claim aud failed: check_failed", "bad signature", "algorithm not allowed", "unknown signing key", "no active user for this identity"]),
    );
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(JSON.stringify(rows)).not.toContain(token.split(".")[2]);
  });
});
