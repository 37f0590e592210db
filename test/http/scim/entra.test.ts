import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uc } from "../../support/client";
import { grantDirect } from "../../support/grants";
import { startOidcApp } from "../../auth/helpers";

/**
 * Microsoft Entra ID's provisioning service, in its request shapes: capitalised ops, the
 * enterprise extension, `emails[type eq "work"].value` paths, members removed by value list,
 * `active` sent as the string "False", groups fetched with `excludedAttributes=members`.
 * Entra talks to Unity Catalog's SCIM path here.
 */
let env: Awaited<ReturnType<typeof startOidcApp>>;
beforeAll(async () => (env = await startOidcApp()));
afterAll(() => env.close());

const BASE = "/api/1.0/unity-control/scim2";
const HEADERS = { "content-type": "application/scim+json" };
const send = (method: string, path: string, body?: unknown) => env.t.admin.call(method, `${BASE}${path}`, body, HEADERS);
const PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
const ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

describe("Microsoft Entra provisioning", () => {
  it("provisions, updates, groups and disables a user: every token stops at once", async () => {
    const userName = "Test_User_ab6490ee@contoso.example";
    // 1. Entra queries by userName first (unencoded spaces and quotes arrive percent-encoded).
    const none = await send("GET", `/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}`);
    expect(none.body.totalResults).toBe(0);

    // 2. Create, with the enterprise extension.
    const created = await send("POST", "/Users", {
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:User", ENTERPRISE],
      externalId: "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef",
      userName,
      active: true,
      emails: [{ primary: true, type: "work", value: userName }],
      meta: { resourceType: "User" },
      name: { formatted: "givenName familyName", familyName: "familyName", givenName: "givenName" },
      roles: [],
      [ENTERPRISE]: { employeeNumber: "99887766", department: "Finance" },
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect(created.body.schemas).toEqual(["urn:ietf:params:scim:schemas:core:2.0:User", ENTERPRISE]);
    expect(created.body[ENTERPRISE]).toEqual({ employeeNumber: "99887766", department: "Finance" });

    // 3. Entra also finds users by externalId and by the enterprise attributes it maps.
    const byExternal = await send("GET", `/Users?filter=${encodeURIComponent('externalId eq "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef"')}`);
    expect(byExternal.body.Resources.map((r: { id: string }) => r.id)).toEqual([id]);
    const byEmployee = await send("GET", `/Users?filter=${encodeURIComponent(`${ENTERPRISE}:employeeNumber eq "99887766"`)}`);
    expect(byEmployee.body.totalResults).toBe(1);

    // 4. Attribute updates, Entra style.
    const updated = await send("PATCH", `/Users/${id}`, {
      schemas: [PATCH_OP],
      Operations: [
        { op: "Replace", path: 'emails[type eq "work"].value', value: "updatedEmail@contoso.example" },
        { op: "Replace", path: "name.familyName", value: "updatedFamilyName" },
        { op: "Add", path: `${ENTERPRISE}:manager`, value: { value: "boss-id" } },
        { op: "Replace", path: "displayName", value: "Updated Name" },
      ],
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({
      displayName: "Updated Name",
      name: { familyName: "updatedFamilyName", givenName: "givenName" },
      emails: [{ primary: true, type: "work", value: "updatedEmail@contoso.example" }],
      [ENTERPRISE]: { employeeNumber: "99887766", manager: { value: "boss-id" } },
    });

    // 5. Group: create, look up without members, add and remove the member by value list.
    const group = await send("POST", "/Groups", {
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group", "http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group"],
      externalId: "8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159",
      displayName: "Entra Analysts",
      meta: { resourceType: "Group" },
    });
    expect(group.status).toBe(201);
    const listed = await send("GET", `/Groups?excludedAttributes=members&filter=${encodeURIComponent('displayName eq "Entra Analysts"')}`);
    expect(listed.body.Resources).toEqual([expect.not.objectContaining({ members: expect.anything() })]);
    const memberOp = (op: string) => send("PATCH", `/Groups/${group.body.id}`, { schemas: [PATCH_OP], Operations: [{ op, path: "members", value: [{ $ref: null, value: id }] }] });
    expect((await memberOp("Add")).body.members.map((m: { value: string }) => m.value)).toEqual([id]);
    expect((await memberOp("Remove")).body.members).toEqual([]);
    await memberOp("Add");
    await env.t.admin.post(uc("/catalogs"), { name: "entra_data" });
    await grantDirect(env.t.services, "catalog", "entra_data", group.body.id, "USE CATALOG");

    // The user's sessions: the provider's token (email claim) and a PAT made with it.
    const idpToken = await env.idp.sign({ sub: "entra-oid-1", email: "updatedEmail@contoso.example" });
    const unknown = await env.t.client(idpToken).get(uc("/catalogs"));
    expect(unknown.status).toBe(401); // the email is not the userName: Entra's userName is what maps
    const byName = await env.idp.sign({ sub: "entra-oid-1", email: userName });
    const pat = (await env.t.client(byName).post("/api/2.0/token/create", { comment: "entra user" })).body.token_value;
    for (const token of [byName, pat]) expect((await env.t.client(token).get(uc("/catalogs/entra_data"))).status).toBe(200);

    // 6. Disable: Entra sends "False" as a string and a capitalised op.
    const off = await send("PATCH", `/Users/${id}`, { schemas: [PATCH_OP], Operations: [{ op: "Replace", path: "active", value: "False" }] });
    expect(off.status).toBe(200);
    expect(off.body.active).toBe(false);
    for (const token of [byName, pat]) expect((await env.t.client(token).get(uc("/catalogs/entra_data"))).status).toBe(401);

    // 7. Entra deletes the user after the soft-delete period; a second delete is a 404.
    expect((await send("DELETE", `/Users/${id}`)).status).toBe(204);
    expect((await send("DELETE", `/Users/${id}`)).status).toBe(404);
  });
});
