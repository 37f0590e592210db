import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { base64url } from "jose";
import { uc } from "../../support/client";
import { strayKey } from "../../support/oidc-provider";
import { auditRows, createScimUser, postForm, startOidcApp } from "../../auth/helpers";

let env: Awaited<ReturnType<typeof startOidcApp>>;
beforeAll(async () => {
  env = await startOidcApp();
  await createScimUser(env.t, "ann@example.com");
});
afterAll(() => env.close());

const exchange = (subject: string) =>
  postForm(env.t.client(), "/api/1.0/unity-control/auth/tokens", {
    grant_type: "urn:ietf:params:oauth:grant-type:token-exchange",
    subject_token: subject,
    subject_token_type: "urn:ietf:params:oauth:token-type:jwt",
  });
const NOT_ACCEPTED = { error: "invalid_request", error_description: "The subject token was not accepted." };

describe("token exchange: security", () => {
  it("refuses bad subject tokens with one generic answer and audits why", async () => {
    const claims = { sub: "a", email: "ann@example.com" };
    const bad = [
      await env.idp.sign(claims, { expiresIn: -600 }),
      await env.idp.sign(claims, { audience: "other" }),
      await env.idp.sign(claims, { key: await strayKey() }),
      await env.idp.sign({ sub: "b", email: "nobody@example.com" }),
      "not-a-jwt",
    ];
    for (const token of bad) {
      const res = await exchange(token);
      expect(res.status).toBe(400);
      expect(res.body).toEqual(NOT_ACCEPTED);
    }
    const failures = (await auditRows(env.t.services)).filter((r) => r.actionName === "tokenExchange" && r.outcome === "failed");
    expect(failures.map((r) => r.errorMessage)).toEqual(["expired", "claim aud failed: check_failed", "unknown signing key", "no active user for this identity", "issuer not allowed"]);
    for (const token of bad) expect(JSON.stringify(failures)).not.toContain(token);
  });

  it("does not exchange Lakeward's own token (sessions cannot be stretched forever)", async () => {
    const first = await exchange(await env.idp.sign({ sub: "a", email: "ann@example.com" }));
    expect(first.status).toBe(200);
    expect(await exchange(first.body.access_token)).toMatchObject({ status: 400, body: NOT_ACCEPTED });
  });

  it("refuses forged Lakeward tokens: tampered, alg none, wrong audience", async () => {
    const token = (await exchange(await env.idp.sign({ sub: "a", email: "ann@example.com" }))).body.access_token as string;
    const [h, p, s] = token.split(".");
    const payload = JSON.parse(Buffer.from(p!, "base64url").toString());
    const admin = (await env.t.admin.get("/api/1.0/unity-control/scim2/Me")).body.id;
    const tampered = `${h}.${base64url.encode(JSON.stringify({ ...payload, sub: admin }))}.${s}`;
    const none = `${base64url.encode(JSON.stringify({ alg: "none", typ: "at+jwt" }))}.${base64url.encode(JSON.stringify({ ...payload, sub: admin }))}.`;
    for (const forged of [tampered, none]) {
      const res = await env.t.client(forged).get(uc("/catalogs"));
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ error_code: "UNAUTHENTICATED", message: "Invalid or missing credentials." });
    }
  });

  it("lets only metastore admins rotate keys, and needs a token to log out", async () => {
    const ann = (await exchange(await env.idp.sign({ sub: "a", email: "ann@example.com" }))).body.access_token;
    const denied = await env.t.client(ann).post("/api/1.0/unity-control/auth/signing-keys/rotate", {});
    expect(denied.status).toBe(403);
    expect(denied.body.error_code).toBe("PERMISSION_DENIED");
    const anonymous = await env.t.client().post("/api/1.0/unity-control/auth/logout", {});
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error_code).toBe("UNAUTHENTICATED");
  });
});
