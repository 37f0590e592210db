import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { uc } from "../support/client";
import { auditRows, createScimUser, postForm, scim, startOidcApp } from "./helpers";

let env: Awaited<ReturnType<typeof startOidcApp>>;
const printed: string[] = [];
beforeAll(async () => {
  env = await startOidcApp();
  for (const method of ["log", "info", "warn", "error", "debug"] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void printed.push(args.map((a) => (a instanceof Error ? `${a.message} ${a.stack}` : typeof a === "string" ? a : JSON.stringify(a))).join(" ")));
  }
});
afterAll(async () => {
  vi.restoreAllMocks();
  await env.close();
});

describe("token material never appears in logs, audit rows or error messages", () => {
  it("keeps every token and secret used in a busy session out of audit_log and the console", async () => {
    const { t, idp } = env;
    const secrets: string[] = [];
    const bodies: string[] = [];
    const record = (res: { body: unknown }) => bodies.push(JSON.stringify(res.body));

    await createScimUser(t, "ann@example.com");
    const idpToken = await idp.sign({ sub: "a", email: "ann@example.com" });
    const expired = await idp.sign({ sub: "a", email: "ann@example.com" }, { expiresIn: -600 });
    secrets.push(idpToken, expired);
    const exchange = (subject: string) =>
      postForm(t.client(), "/api/1.0/unity-control/auth/tokens", {
        grant_type: "urn:ietf:params:oauth:grant-type:token-exchange",
        subject_token: subject,
        subject_token_type: "urn:ietf:params:oauth:token-type:id_token",
      });
    const ok = await exchange(idpToken);
    secrets.push(ok.body.access_token);
    record(await exchange(expired));
    record(await exchange(`${idpToken}x`));

    const pat = await t.client(ok.body.access_token).post("/api/2.0/token/create", { comment: "c", lifetime_seconds: 600 });
    secrets.push(pat.body.token_value);
    record(await t.client(pat.body.token_value).get(uc("/catalogs")));
    await t.client(pat.body.token_value).post("/api/2.0/token/delete", { token_id: pat.body.token_info.token_id });
    record(await t.client(pat.body.token_value).get(uc("/catalogs")));
    record(await t.client(expired).get(uc("/catalogs")));
    record(await t.client(`${ok.body.access_token.slice(0, -4)}AAAA`).get(uc("/catalogs")));
    record(await t.client("lkw_" + "x".repeat(43)).get(scim("/Me")));

    const sp = await t.admin.post(scim("/ServicePrincipals"), { displayName: "etl" });
    const secret = await t.admin.post(scim(`/ServicePrincipals/${sp.body.id}/secrets`), {});
    secrets.push(secret.body.secret);
    const m2m = await postForm(t.client(), "/oidc/v1/token", { grant_type: "client_credentials", scope: "all-apis", client_id: sp.body.applicationId, client_secret: secret.body.secret });
    secrets.push(m2m.body.access_token);
    record(await postForm(t.client(), "/oidc/v1/token", { grant_type: "client_credentials", client_id: sp.body.applicationId, client_secret: `${secret.body.secret}x` }));
    record(await t.client(m2m.body.access_token).post("/api/1.0/unity-control/auth/logout", {}));
    record(await t.client(m2m.body.access_token).get(uc("/catalogs")));

    const audit = JSON.stringify(await auditRows(t.services));
    const console = printed.join("\n");
    expect(audit).toContain("tokenExchange");
    for (const s of secrets) {
      expect(s.length).toBeGreaterThan(20);
      for (const part of [s, ...s.split(".").filter((p) => p.length > 20)]) {
        expect(audit).not.toContain(part);
        expect(console).not.toContain(part);
        for (const body of bodies) expect(body).not.toContain(part);
      }
    }
  });
});
