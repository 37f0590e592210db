import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uc } from "../support/client";
import { createScimUser, startOidcApp } from "./helpers";

let env: Awaited<ReturnType<typeof startOidcApp>>;
beforeAll(async () => {
  env = await startOidcApp();
  await createScimUser(env.t, "ann@example.com");
});
afterAll(() => env.close());

describe("OIDC key rotation at the provider", () => {
  it("follows a new signing key without a restart, fetching the JWKS again only for the unknown kid", async () => {
    const before = await env.idp.clientCredentialsToken({ email: "ann@example.com" });
    expect((await env.t.client(before).get(uc("/catalogs"))).status).toBe(200);
    const fetchesBefore = env.idp.jwksFetches();
    expect((await env.t.client(before).get(uc("/catalogs"))).status).toBe(200);
    expect(env.idp.jwksFetches()).toBe(fetchesBefore); // cached

    await env.idp.rotate();
    const after = await env.idp.clientCredentialsToken({ email: "ann@example.com" });
    const kid = (t: string) => JSON.parse(Buffer.from(t.split(".")[0]!, "base64url").toString()).kid;
    expect(kid(after)).not.toBe(kid(before));
    expect((await env.t.client(after).get(uc("/catalogs"))).status).toBe(200);
    expect(env.idp.jwksFetches()).toBe(fetchesBefore + 1);
    // The old key is still published, so tokens it signed keep working until they expire.
    expect((await env.t.client(before).get(uc("/catalogs"))).status).toBe(200);
  });
});
