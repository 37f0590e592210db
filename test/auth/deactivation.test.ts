import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uc } from "../support/client";
import { grantDirect } from "../support/grants";
import { PATCH_SCHEMA, SCIM_JSON, createScimUser, postForm, scim, startOidcApp } from "./helpers";

let env: Awaited<ReturnType<typeof startOidcApp>>;
beforeAll(async () => (env = await startOidcApp()));
afterAll(() => env.close());

const EXCHANGE = "/api/1.0/unity-control/auth/tokens";

/** A user with one token of each kind: a PAT, a Lakeward JWT and the provider's own token. */
async function userWithTokens(email: string) {
  const id = await createScimUser(env.t, email);
  const idpToken = await env.idp.clientCredentialsToken({ email });
  const exchanged = await postForm(env.t.client(), EXCHANGE, {
    grant_type: "urn:ietf:params:oauth:grant-type:token-exchange",
    subject_token: idpToken,
    subject_token_type: "urn:ietf:params:oauth:token-type:access_token",
  });
  expect(exchanged.status).toBe(200);
  const pat = await env.t.client(exchanged.body.access_token).post("/api/2.0/token/create", { comment: "laptop" });
  expect(pat.status).toBe(200);
  return { id, tokens: [pat.body.token_value as string, exchanged.body.access_token as string, idpToken] };
}

const statuses = (tokens: string[], path = uc("/catalogs")) => Promise.all(tokens.map(async (t) => (await env.t.client(t).get(path)).status));

describe("deactivation is immediate (issue 3 §7)", () => {
  it("stops every token of a user deactivated through SCIM on the next request, and reactivation restores them", async () => {
    const { id, tokens } = await userWithTokens("dee@example.com");
    expect(await statuses(tokens)).toEqual([200, 200, 200]);
    const off = await env.t.admin.call("PATCH", scim(`/Users/${id}`), { schemas: [PATCH_SCHEMA], Operations: [{ op: "replace", value: { active: false } }] }, SCIM_JSON);
    expect(off.status).toBe(200);
    expect(await statuses(tokens)).toEqual([401, 401, 401]);
    await env.t.admin.call("PATCH", scim(`/Users/${id}`), { schemas: [PATCH_SCHEMA], Operations: [{ op: "replace", path: "active", value: true }] }, SCIM_JSON);
    expect(await statuses(tokens)).toEqual([200, 200, 200]);
  });

  it("stops every token of a deleted user, for good", async () => {
    const { id, tokens } = await userWithTokens("del@example.com");
    expect((await env.t.admin.delete(scim(`/Users/${id}`))).status).toBe(204);
    expect(await statuses(tokens)).toEqual([401, 401, 401]);
    await createScimUser(env.t, "del@example.com"); // a new user with the same email is someone else
    expect(await statuses(tokens.slice(0, 2))).toEqual([401, 401]);
  });

  it("takes a removed group membership away on the next request", async () => {
    const { id, tokens } = await userWithTokens("mem@example.com");
    const group = await env.t.admin.call("POST", scim("/Groups"), { displayName: "readers", members: [{ value: id }] }, SCIM_JSON);
    await env.t.admin.post(uc("/catalogs"), { name: "shared" });
    await grantDirect(env.t.services, "catalog", "shared", group.body.id, "USE CATALOG");
    expect(await statuses(tokens, uc("/catalogs/shared"))).toEqual([200, 200, 200]);
    const removed = await env.t.admin.call("PATCH", scim(`/Groups/${group.body.id}`), { schemas: [PATCH_SCHEMA], Operations: [{ op: "remove", path: `members[value eq "${id}"]` }] }, SCIM_JSON);
    expect(removed.status).toBe(200);
    expect(await statuses(tokens, uc("/catalogs/shared"))).toEqual([404, 404, 404]);
  });
});
