import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { startTestApp, type TestApp } from "../../support/app";
import { uc } from "../../support/client";
import { securables } from "../../../schema/index";

let t: TestApp;
beforeAll(async () => (t = await startTestApp()));
afterAll(() => t.close());

describe("concurrent creates", () => {
  it("20 concurrent creates of one catalog: exactly one wins, the rest get CATALOG_ALREADY_EXISTS", async () => {
    const results = await Promise.all(Array.from({ length: 20 }, () => t.admin.post(uc("/catalogs"), { name: "race" })));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    const losers = results.filter((r) => r.status !== 200);
    expect(losers).toHaveLength(19);
    for (const r of losers) expect([r.status, r.body.error_code]).toEqual([400, "CATALOG_ALREADY_EXISTS"]);
    const rows = await t.services.db.select().from(securables).where(eq(securables.fullName, "race"));
    expect(rows).toHaveLength(1);
  });
});
