import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../support/app";
import { DB_SCIM, SCIM_JSON, auditRows, scim } from "../../auth/helpers";

let t: TestApp;
beforeAll(async () => (t = await startTestApp()));
afterAll(() => t.close());

describe("SCIM Users: security", () => {
  it("needs a valid token on both prefixes (401 in the SCIM error schema)", async () => {
    for (const path of [scim("/Users"), scim("/Users", DB_SCIM), scim("/Me")]) {
      for (const client of [t.client(), t.client("lkw_nope")]) {
        const res = await client.get(path);
        expect(res.status).toBe(401);
        expect(res.body).toMatchObject({ status: "401", detail: "Invalid or missing credentials." });
      }
    }
  });

  it("lets only metastore admins list, read others, create, change and delete users", async () => {
    const eve = await t.user("eve@example.com");
    const ann = await t.admin.post(scim("/Users"), { userName: "ann@example.com" });
    const attempts = [
      await eve.get(scim("/Users")),
      await eve.get(scim(`/Users/${ann.body.id}`)),
      await eve.call("POST", scim("/Users"), { userName: "mallory@example.com" }, SCIM_JSON),
      await eve.call("PUT", scim(`/Users/${ann.body.id}`), { userName: "ann@example.com", active: false }, SCIM_JSON),
      await eve.patch(scim(`/Users/${eve.principalId}`), { Operations: [{ op: "replace", path: "userName", value: "admin2" }] }),
      await eve.delete(scim(`/Users/${ann.body.id}`)),
    ];
    for (const res of attempts) {
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ status: "403", detail: "Only metastore admins may do this." });
    }
    expect((await t.admin.get(scim(`/Users/${ann.body.id}`))).body.active).toBe(true);
    const denied = (await auditRows(t.services)).filter((r) => r.principalName === "eve@example.com" && r.outcome === "denied");
    expect(denied.map((r) => r.actionName)).toEqual(["listUsers", "getUser", "createUser", "updateUser", "patchUser", "deleteUser"]);
  });

  it("lets any user read itself: /Me and its own id", async () => {
    const eve = await t.user("eve2@example.com");
    expect((await eve.get(scim("/Me"))).body.userName).toBe("eve2@example.com");
    expect((await eve.get(scim(`/Users/${eve.principalId}`))).status).toBe(200);
  });

  it("does not reactivate a deactivated user through a PUT that leaves `active` out", async () => {
    const user = (await t.admin.post(scim("/Users"), { userName: "off@example.com", active: false })).body;
    const put = await t.admin.call("PUT", scim(`/Users/${user.id}`), { userName: "off@example.com", displayName: "Still Off" }, SCIM_JSON);
    expect(put.body).toMatchObject({ displayName: "Still Off", active: false });
  });

  it("never stores or echoes a password sent by a provisioning client", async () => {
    const res = await t.admin.post(scim("/Users"), { userName: "pw@example.com", password: "hunter2-secret" });
    expect(res.status).toBe(201);
    expect(JSON.stringify(res.body)).not.toContain("hunter2");
    expect(JSON.stringify(await auditRows(t.services))).not.toContain("hunter2");
  });
});
