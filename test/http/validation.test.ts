import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app";
import { uc } from "../support/client";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  await t.admin.post(uc("/catalogs"), { name: "main" });
});
afterAll(() => t.close());

describe("bad input gets 400 INVALID_ARGUMENT naming the field, and changes nothing", () => {
  it("malformed JSON", async () => {
    const res = await t.admin.call("POST", uc("/schemas"), '{"name": "x", ');
    expect([res.status, res.body.error_code]).toEqual([400, "INVALID_ARGUMENT"]);
    expect(res.body.message).toMatch(/JSON/i);
  });

  it("missing fields, wrong types and unknown enum values", async () => {
    const cases: [string, unknown, string][] = [
      ["/schemas", { name: "x" }, "catalog_name"],
      ["/schemas", { name: 5, catalog_name: "main" }, "name"],
      ["/volumes", { catalog_name: "main", schema_name: "s", name: "v", volume_type: "HUGE" }, "volume_type"],
      ["/catalogs", { name: "x", properties: { a: 1 } }, "properties.a"],
      ["/catalogs", [], "body"],
    ];
    for (const [path, body, field] of cases) {
      const res = await t.admin.post(uc(path), body);
      expect(res.status, `${path} ${JSON.stringify(body)}`).toBe(400);
      expect(res.body.error_code).toBe("INVALID_ARGUMENT");
      expect(res.body.details[0].metadata.field, JSON.stringify(res.body)).toBe(field);
      expect(res.body.message).toContain(field === "body" ? "Invalid" : field);
    }
  });

  it("bad names: period, space, slash, control characters, over 255 characters", async () => {
    for (const name of ["a.b", "a b", "a/b", "a\u0001b", "tab\there", "x".repeat(256), ""]) {
      const res = await t.admin.post(uc("/catalogs"), { name });
      expect(res.status, JSON.stringify(name)).toBe(400);
      expect(res.body.details[0].metadata.field).toBe("name");
      expect(res.body.message).not.toContain("\u0001");
    }
    const ok = await t.admin.post(uc("/catalogs"), { name: "x".repeat(255) });
    expect(ok.status).toBe(200);
    const list = await t.admin.get(uc("/catalogs"));
    expect(list.body.catalogs.map((c: any) => c.name).sort()).toEqual(["main", "x".repeat(255)]);
  });

  it("unknown routes answer 404 in UC's error shape", async () => {
    const res = await t.admin.get(uc("/nothing-here"));
    expect([res.status, res.body.error_code]).toEqual([404, "NOT_FOUND"]);
  });
});
