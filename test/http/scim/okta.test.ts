import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uc } from "../../support/client";
import { grantDirect } from "../../support/grants";
import { startOidcApp } from "../../auth/helpers";

/**
 * Okta's SCIM 2.0 provisioning, request by request, in the shapes Okta sends (its SCIM
 * integration guide): look the user up by userName, create, push a group, add and remove
 * members, rename, deactivate with a path-less replace. Okta talks to Databricks' path with
 * `application/scim+json`.
 */
let env: Awaited<ReturnType<typeof startOidcApp>>;
beforeAll(async () => (env = await startOidcApp()));
afterAll(() => env.close());

const BASE = "/api/2.0/preview/scim/v2";
const HEADERS = { "content-type": "application/scim+json; charset=utf-8", accept: "application/scim+json" };
const okta = () => env.t.client(env.t.admin.token);
const send = (method: string, path: string, body?: unknown) => okta().call(method, `${BASE}${path}`, body, HEADERS);

describe("Okta provisioning", () => {
  it("provisions a user and a group, then deactivates the user: every token stops at once", async () => {
    // 1. Okta checks whether the user exists.
    const lookup = await send("GET", `/Users?filter=${encodeURIComponent('userName eq "isabella.johnson@example.com"')}&startIndex=1&count=100`);
    expect(lookup.status).toBe(200);
    expect(lookup.body).toEqual({ schemas: ["urn:ietf:params:scim:api:messages:2.0:ListResponse"], totalResults: 0, itemsPerPage: 0, startIndex: 1, Resources: [] });

    // 2. Create.
    const created = await send("POST", "/Users", {
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
      userName: "isabella.johnson@example.com",
      name: { givenName: "Isabella", familyName: "Johnson" },
      emails: [{ primary: true, value: "isabella.johnson@example.com", type: "work" }],
      displayName: "Isabella Johnson",
      locale: "en-US",
      externalId: "00u1dhhb1fkIGP7RL1d8",
      groups: [],
      password: "1mz050nq",
      active: true,
    });
    expect(created.status).toBe(201);
    const userId = created.body.id;
    expect(created.body).toMatchObject({ userName: "isabella.johnson@example.com", externalId: "00u1dhhb1fkIGP7RL1d8", active: true, locale: "en-US" });
    expect(created.body).not.toHaveProperty("password");

    // 3. Found by userName now; a second create is a 409 Okta understands.
    const found = await send("GET", `/Users?filter=${encodeURIComponent('userName eq "isabella.johnson@example.com"')}&startIndex=1&count=100`);
    expect(found.body.totalResults).toBe(1);
    expect(found.body.Resources[0].id).toBe(userId);
    expect((await send("POST", "/Users", { schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"], userName: "isabella.johnson@example.com" })).status).toBe(409);

    // 4. Profile update with PUT.
    const put = await send("PUT", `/Users/${userId}`, { ...created.body, name: { givenName: "Isabella", familyName: "Johnson-Smith" }, meta: undefined });
    expect(put.status).toBe(200);
    expect(put.body.name.familyName).toBe("Johnson-Smith");

    // 5. Group push: create, add the member, rename, remove the member, add again.
    const group = await send("POST", "/Groups", { schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group"], displayName: "Test SCIMv2", members: [] });
    expect(group.status).toBe(201);
    const patchGroup = (ops: unknown[]) => send("PATCH", `/Groups/${group.body.id}`, { schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], Operations: ops });
    expect((await patchGroup([{ op: "add", path: "members", value: [{ value: userId, display: "isabella.johnson@example.com" }] }])).body.members).toHaveLength(1);
    const renamed = await patchGroup([{ op: "replace", value: { id: group.body.id, displayName: "Test SCIMv2 (renamed)" } }]);
    expect(renamed.body.displayName).toBe("Test SCIMv2 (renamed)");
    expect((await patchGroup([{ op: "remove", path: `members[value eq "${userId}"]` }])).body.members).toEqual([]);
    await patchGroup([{ op: "add", path: "members", value: [{ value: userId, display: "isabella.johnson@example.com" }] }]);
    await env.t.admin.post(uc("/catalogs"), { name: "okta_data" });
    await grantDirect(env.t.services, "catalog", "okta_data", group.body.id, "USE CATALOG");

    // The user signs in three ways.
    const idpToken = await env.idp.clientCredentialsToken({ email: "isabella.johnson@example.com" });
    const pat = (await env.t.client(idpToken).post("/api/2.0/token/create", { comment: "okta user" })).body.token_value;
    for (const token of [idpToken, pat]) expect((await env.t.client(token).get(uc("/catalogs/okta_data"))).status).toBe(200);

    // 6. Deactivate, Okta style.
    const off = await send("PATCH", `/Users/${userId}`, { schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], Operations: [{ op: "replace", value: { active: false } }] });
    expect(off.status).toBe(200);
    expect(off.body.active).toBe(false);
    for (const token of [idpToken, pat]) expect((await env.t.client(token).get(uc("/catalogs/okta_data"))).status).toBe(401);
  });
});
