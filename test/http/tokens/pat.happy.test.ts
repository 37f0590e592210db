import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../support/app";
import { uc } from "../../support/client";
import { auditRows } from "../../auth/helpers";

let t: TestApp;
beforeAll(async () => (t = await startTestApp()));
afterAll(() => t.close());

describe("personal access tokens (Databricks /api/2.0/token)", () => {
  it("creates, lists, uses and deletes a token", async () => {
    const ann = await t.user("ann@example.com");
    const created = await ann.post("/api/2.0/token/create", { lifetime_seconds: 3600, comment: "laptop" });
    expect(created.status).toBe(200);
    expect(created.headers.get("cache-control")).toBe("no-store");
    const { token_value, token_info } = created.body;
    expect(token_value).toMatch(/^lkw_[A-Za-z0-9_-]{43}$/);
    expect(token_info).toMatchObject({ comment: "laptop", token_id: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect(token_info.expiry_time - token_info.creation_time).toBe(3600_000);

    const mine = t.client(token_value);
    expect((await mine.get(uc("/catalogs"))).status).toBe(200);
    const list = await mine.get("/api/2.0/token/list");
    expect(list.status).toBe(200);
    expect(list.body.token_infos).toHaveLength(2); // the fixture's token and this one
    expect(list.body.token_infos).toContainEqual(token_info);
    expect(JSON.stringify(list.body)).not.toContain(token_value);

    const deleted = await ann.post("/api/2.0/token/delete", { token_id: token_info.token_id });
    expect(deleted.status).toBe(200);
    expect(deleted.body).toEqual({});
    expect((await ann.get("/api/2.0/token/list")).body.token_infos.map((i: { token_id: string }) => i.token_id)).not.toContain(token_info.token_id);
  });

  it("creates a token without expiry when no lifetime is given (expiry_time -1)", async () => {
    const created = await t.admin.post("/api/2.0/token/create", {});
    expect(created.body.token_info).toMatchObject({ expiry_time: -1, comment: "" });
  });

  it("audits creation and deletion with the token id, never the value", async () => {
    const bob = await t.user("bob@example.com");
    const created = await bob.post("/api/2.0/token/create", { comment: "ci" });
    await bob.post("/api/2.0/token/delete", { token_id: created.body.token_info.token_id });
    const rows = (await auditRows(t.services)).filter((r) => r.principalName === "bob@example.com");
    expect(rows.map((r) => [r.serviceName, r.actionName, r.outcome])).toEqual([
      ["accounts", "createToken", "success"],
      ["accounts", "deleteToken", "success"],
    ]);
    expect(rows[0]!.details).toEqual({ tokenId: created.body.token_info.token_id });
    expect(JSON.stringify(rows)).not.toContain(created.body.token_value);
  });
});
