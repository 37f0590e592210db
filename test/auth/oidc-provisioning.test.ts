import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uc } from "../support/client";
import { grantDirect } from "../support/grants";
import { auditRows, scim, startOidcApp } from "./helpers";

let env: Awaited<ReturnType<typeof startOidcApp>>;
beforeAll(async () => {
  env = await startOidcApp({ env: { LAKEWARD_OIDC_JIT_USERS: "true", LAKEWARD_OIDC_SYNC_GROUPS: "true" } });
});
afterAll(() => env.close());

describe("just-in-time users and groups-claim sync (both switched on)", () => {
  it("creates an unknown user on first sign-in, once, and audits it", async () => {
    const token = await env.idp.sign({ sub: "j-1", email: "new@example.com", name: "New Person" });
    expect((await env.t.client(token).get(uc("/catalogs"))).status).toBe(200);
    expect((await env.t.client(token).get(uc("/catalogs"))).status).toBe(200);
    const list = await env.t.admin.get(scim('/Users?filter=userName eq "new@example.com"'));
    expect(list.body.totalResults).toBe(1);
    expect(list.body.Resources[0]).toMatchObject({ displayName: "New Person", active: true, emails: [{ value: "new@example.com", primary: true }] });
    const created = (await auditRows(env.t.services)).filter((r) => r.actionName === "createUser" && r.principalName === "new@example.com");
    expect(created).toHaveLength(1);
    expect(created[0]!.requestParams).toMatchObject({ via: "oidc-jit", issuer: env.idp.issuer });
  });

  it("does not bring a deactivated user back", async () => {
    const token = await env.idp.sign({ sub: "j-2", email: "gone@example.com" });
    expect((await env.t.client(token).get(uc("/catalogs"))).status).toBe(200);
    const id = (await env.t.admin.get(scim('/Users?filter=userName eq "gone@example.com"'))).body.Resources[0].id;
    await env.t.admin.patch(scim(`/Users/${id}`), { Operations: [{ op: "replace", value: { active: false } }] });
    expect((await env.t.client(token).get(uc("/catalogs"))).status).toBe(401);
  });

  it("makes direct memberships follow the groups claim, only for groups that exist", async () => {
    const analysts = await env.t.group("analysts");
    await env.t.admin.post(uc("/catalogs"), { name: "sales" });
    await grantDirect(env.t.services, "catalog", "sales", analysts, "USE CATALOG");
    const inGroup = await env.idp.sign({ sub: "g-1", email: "grace@example.com", groups: ["Analysts", "no-such-group"] });
    expect((await env.t.client(inGroup).get(uc("/catalogs/sales"))).status).toBe(200);
    const me = await env.t.client(inGroup).get(scim("/Me"));
    expect(me.body.groups.map((g: { display: string }) => g.display)).toEqual(["analysts"]);
    expect((await env.t.admin.get(scim('/Groups?filter=displayName eq "no-such-group"'))).body.totalResults).toBe(0);

    const leftGroup = await env.idp.sign({ sub: "g-1", email: "grace@example.com", groups: [] });
    expect((await env.t.client(leftGroup).get(uc("/catalogs/sales"))).status).toBe(404);
    expect((await env.t.client(leftGroup).get(scim("/Me"))).body.groups).toEqual([]);
    const syncs = (await auditRows(env.t.services)).filter((r) => r.actionName === "syncGroupMembership");
    expect(syncs).toHaveLength(2);
  });
});
