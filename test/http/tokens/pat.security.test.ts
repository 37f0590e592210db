import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../support/app";
import { uc } from "../../support/client";
import type { Clock } from "../../../src/clock";
import { accessTokens } from "../../../schema/index";

let t: TestApp;
let offset = 0;
const clock: Clock = { now: () => Date.now() + offset };
beforeAll(async () => (t = await startTestApp({ clock })));
afterAll(() => t.close());

describe("token API security", () => {
  it("needs a valid token: none, wrong and revoked all get 401 UNAUTHENTICATED", async () => {
    const none = await t.client().get("/api/2.0/token/list");
    expect(none.status).toBe(401);
    expect(none.body).toEqual({ error_code: "UNAUTHENTICATED", message: "Invalid or missing credentials." });
    expect((await t.client("lkw_wrong").get("/api/2.0/token/list")).status).toBe(401);
    const created = await t.admin.post("/api/2.0/token/create", { comment: "short-lived" });
    await t.admin.post("/api/2.0/token/delete", { token_id: created.body.token_info.token_id });
    const revoked = await t.client(created.body.token_value).get(uc("/catalogs"));
    expect(revoked.status).toBe(401);
    expect(revoked.body.message).not.toContain(created.body.token_value);
  });

  it("stops a token at its expiry", async () => {
    const created = await t.admin.post("/api/2.0/token/create", { lifetime_seconds: 60 });
    expect((await t.client(created.body.token_value).get(uc("/catalogs"))).status).toBe(200);
    offset += 61_000;
    expect((await t.client(created.body.token_value).get(uc("/catalogs"))).status).toBe(401);
  });

  it("shows and deletes only the caller's own tokens; another user's answers like a missing one", async () => {
    const ann = await t.user("ann@example.com");
    const eve = await t.user("eve@example.com");
    const annToken = await ann.post("/api/2.0/token/create", { comment: "ann's" });
    const listed = await eve.get("/api/2.0/token/list");
    expect(listed.body.token_infos.map((i: { comment: string }) => i.comment)).not.toContain("ann's");
    const stolen = await eve.post("/api/2.0/token/delete", { token_id: annToken.body.token_info.token_id });
    expect(stolen.status).toBe(404);
    expect(stolen.body.error_code).toBe("RESOURCE_DOES_NOT_EXIST");
    expect((await t.client(annToken.body.token_value).get(uc("/catalogs"))).status).toBe(200);
  });

  it("stores only a hash of the token", async () => {
    const created = await t.admin.post("/api/2.0/token/create", {});
    const rows = await t.services.db.select().from(accessTokens);
    expect(rows.length).toBeGreaterThan(0);
    expect(JSON.stringify(rows)).not.toContain(created.body.token_value);
  });
});
