import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../support/app";
import { uc } from "../../support/client";
import { tables } from "../../support/bulk";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  await t.admin.post(uc("/catalogs"), { name: "big" });
  await t.admin.post(uc("/schemas"), { name: "s", catalog_name: "big" });
  await tables(t, "big", "s", 250);
});
afterAll(() => t.close());

describe("paging", () => {
  it("lists 250 tables in pages of at most 100 with no duplicates or gaps, then stops", async () => {
    for (const maxResults of [0, 7, 100, 1000]) {
      const seen: string[] = [];
      let token: string | undefined;
      let pages = 0;
      do {
        const q = new URLSearchParams({ catalog_name: "big", schema_name: "s", max_results: String(maxResults) });
        if (token) q.set("page_token", token);
        const res = await t.admin.get(uc(`/tables?${q}`));
        expect(res.status).toBe(200);
        expect(res.body.tables.length).toBeLessThanOrEqual(Math.min(maxResults || 100, 100));
        expect(res.body.next_page_token).not.toBe("");
        seen.push(...res.body.tables.map((x: any) => x.name));
        token = res.body.next_page_token ?? undefined;
        pages++;
        expect(pages).toBeLessThan(300);
      } while (token);
      expect(seen).toHaveLength(250);
      expect(new Set(seen).size).toBe(250);
      expect(seen).toEqual([...seen].sort());
    }
  });

  it("rejects negative max_results", async () => {
    const res = await t.admin.get(uc("/tables?catalog_name=big&schema_name=s&max_results=-1"));
    expect([res.status, res.body.error_code]).toEqual([400, "INVALID_ARGUMENT"]);
  });
});
