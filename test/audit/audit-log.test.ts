import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { desc } from "drizzle-orm";
import { startTestApp, type TestApp } from "../support/app";
import { uc } from "../support/client";
import { auditLog } from "../../schema/index";

let t: TestApp;
beforeAll(async () => (t = await startTestApp()));
afterAll(() => t.close());

const lastEvents = (n: number) => t.services.db.select().from(auditLog).orderBy(desc(auditLog.seq)).limit(n);

describe("audit log", () => {
  it("records a successful change with who, action, securable, request id and outcome", async () => {
    const res = await t.admin.call("POST", uc("/catalogs"), { name: "audited" }, { "x-request-id": "req-123", "x-forwarded-for": "203.0.113.9" });
    const [event] = await lastEvents(1);
    expect(event).toMatchObject({
      actionName: "createCatalog",
      serviceName: "unityCatalog",
      principalName: "admin",
      securableType: "catalog",
      securableFullName: "audited",
      securableId: res.body.id,
      requestId: "req-123",
      sourceIp: "203.0.113.9",
      outcome: "success",
      statusCode: 200,
    });
  });

  it("records failures and denials, and a failed change leaves no row behind", async () => {
    const before = (await t.admin.get(uc("/catalogs"))).body.catalogs.length;
    await t.admin.post(uc("/catalogs"), { name: "audited" });
    const [failed] = await lastEvents(1);
    expect(failed).toMatchObject({ actionName: "createCatalog", outcome: "failed", statusCode: 400, errorCode: "CATALOG_ALREADY_EXISTS" });

    const mallory = await t.user("mallory@example.com");
    await mallory.post(uc("/catalogs"), { name: "mine" });
    const [denied] = await lastEvents(1);
    expect(denied).toMatchObject({ actionName: "createCatalog", outcome: "denied", statusCode: 403, principalName: "mallory@example.com" });

    await mallory.get(uc("/catalogs/audited"));
    const [hidden] = await lastEvents(1);
    expect(hidden).toMatchObject({ actionName: "getCatalog", outcome: "denied", statusCode: 404, errorCode: "CATALOG_NOT_FOUND" });
    expect(hidden!.details).toMatchObject({ hidden: true });

    await mallory.get(uc("/catalogs/does_not_exist"));
    const [missing] = await lastEvents(1);
    expect(missing).toMatchObject({ outcome: "failed", errorCode: "CATALOG_NOT_FOUND" });
    expect(missing!.details).not.toHaveProperty("hidden");

    expect((await t.admin.get(uc("/catalogs"))).body.catalogs.length).toBe(before);
  });
});
