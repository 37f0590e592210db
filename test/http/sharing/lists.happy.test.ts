import { desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, securables, tableDetails } from "../../../schema/index";
import { startTestApp, type TestApp } from "../../support/app";
import { uc } from "../../support/client";
import type { SharingClient } from "../../support/sharing-client";
import { activatedRecipient, shareWith, sharingWorld, type SharingWorld } from "../../support/sharing-world";

let t: TestApp;
let world: SharingWorld;
let acme: SharingClient;

beforeAll(async () => {
  t = await startTestApp();
  world = await sharingWorld(t, ["basic", "multi", "dv"]);
  acme = (await activatedRecipient(t, "acme")).client;
  await activatedRecipient(t, "other");
  await shareWith(t, "alpha", [{ name: "lake.delta.basic", shared_as: "one.basic" }, { name: "lake.delta.multi", shared_as: "two.multi" }], ["acme"]);
  await shareWith(t, "beta", [{ name: "lake.delta", data_object_type: "SCHEMA", shared_as: "everything" }], ["acme"]);
  await shareWith(t, "gamma", [{ name: "lake.delta.basic" }], ["acme"]);
  await shareWith(t, "secret", [{ name: "lake.delta.basic" }], ["other"]);
});
afterAll(async () => {
  await t.close();
  await world.cleanup();
});

describe("list endpoints", () => {
  it("lists only the shares granted to the recipient, as one line of compact JSON", async () => {
    const res = await acme.get("/shares");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(res.text.includes("\n")).toBe(false);
    expect(res.json.items.map((s: any) => s.name)).toEqual(["alpha", "beta", "gamma"]);
    expect(res.json.items[0].id).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.json).not.toHaveProperty("nextPageToken");
  });

  it("pages with maxResults and nextPageToken until the token is absent", async () => {
    const names: string[] = [];
    let token: string | undefined;
    do {
      const res = await acme.get(`/shares?maxResults=1${token ? `&pageToken=${encodeURIComponent(token)}` : ""}`);
      expect(res.json.items.length).toBeLessThanOrEqual(1);
      names.push(...res.json.items.map((s: any) => s.name));
      token = res.json.nextPageToken;
    } while (token);
    expect(names).toEqual(["alpha", "beta", "gamma"]);
    expect((await acme.get("/shares?maxResults=0")).json).toEqual({ items: [] });
  });

  it("gets a share, case-insensitively, and lists its schemas and tables", async () => {
    expect((await acme.get("/shares/ALPHA")).json).toEqual({ share: { name: "alpha", id: expect.any(String) } });
    expect((await acme.get("/shares/alpha/schemas")).json.items).toEqual([{ name: "one", share: "alpha" }, { name: "two", share: "alpha" }]);
    const tables = (await acme.get("/shares/alpha/schemas/One/tables")).json.items;
    expect(tables).toEqual([{ name: "basic", schema: "one", share: "alpha", shareId: expect.any(String), id: expect.any(String) }]);
    const all = (await acme.get("/shares/alpha/all-tables")).json.items;
    expect(all.map((x: any) => `${x.schema}.${x.name}`)).toEqual(["one.basic", "two.multi"]);
    expect(new Set(all.map((x: any) => x.id)).size).toBe(2);
  });

  it("uses the source's schema and table names when no alias is given", async () => {
    expect((await acme.get("/shares/gamma/all-tables")).json.items.map((x: any) => `${x.schema}.${x.name}`)).toEqual(["delta.basic"]);
  });

  it("shares a whole schema: current tables appear under its alias, new ones too, filtered ones never", async () => {
    const before = (await acme.get("/shares/beta/schemas/everything/tables")).json.items.map((x: any) => x.name);
    expect(before).toEqual(["basic", "dv", "multi"]);
    const [multi] = await t.services.db.select({ id: securables.id }).from(securables).where(eq(securables.fullName, "lake.delta.multi"));
    await t.services.db.update(tableDetails).set({ rowFilter: { function_name: "lake.delta.f", input_column_names: ["letter"] } }).where(eq(tableDetails.securableId, multi!.id));
    expect((await acme.get("/shares/beta/all-tables")).json.items.map((x: any) => x.name)).toEqual(["basic", "dv"]);
    await t.services.db.update(tableDetails).set({ rowFilter: null }).where(eq(tableDetails.securableId, multi!.id));
    const q = await acme.query("/shares/beta/schemas/everything/tables/basic", {});
    expect(q.status).toBe(200);
  });

  it("pages tables of all schemas with tokens bound to the share", async () => {
    const first = await acme.get("/shares/alpha/all-tables?maxResults=1");
    expect(first.json.items).toHaveLength(1);
    const second = await acme.get(`/shares/alpha/all-tables?maxResults=1&pageToken=${encodeURIComponent(first.json.nextPageToken)}`);
    expect(second.json.items[0].name).toBe("multi");
    expect(second.json).not.toHaveProperty("nextPageToken");
    const misused = await acme.get(`/shares/beta/all-tables?pageToken=${encodeURIComponent(first.json.nextPageToken)}`);
    expect(misused.status).toBe(400);
    expect(misused.json).toEqual({ errorCode: "INVALID_PARAMETER_VALUE", message: "invalid 'nextPageToken'." });
  });

  it("reflects share changes at once: a removed table disappears from the listing", async () => {
    await t.admin.patch(uc("/shares/gamma"), { updates: [{ action: "REMOVE", data_object: { name: "lake.delta.basic" } }] });
    expect((await acme.get("/shares/gamma/all-tables")).json).toEqual({ items: [] });
    expect((await acme.get("/shares/gamma/schemas")).json).toEqual({ items: [] });
  });
});

describe("paging schemas and tables", () => {
  let pager: SharingClient;
  beforeAll(async () => {
    pager = (await activatedRecipient(t, "pager")).client;
    await shareWith(t, "many", [
      { name: "lake.delta.basic", shared_as: "a.basic" },
      { name: "lake.delta.multi", shared_as: "b.multi" },
      { name: "lake.delta.dv", shared_as: "c.dv" },
      { name: "lake.delta", data_object_type: "SCHEMA", shared_as: "d" },
    ], ["pager"]);
  });

  /** Follows nextPageToken from the first page; returns every page's items. */
  async function pagesOf(path: string, maxResults: number): Promise<any[][]> {
    const pages: any[][] = [];
    let token: string | undefined;
    do {
      const res = await pager.get(`${path}?maxResults=${maxResults}${token ? `&pageToken=${encodeURIComponent(token)}` : ""}`);
      expect(res.status, res.text).toBe(200);
      expect(res.json.items.length).toBeLessThanOrEqual(maxResults);
      pages.push(res.json.items);
      token = res.json.nextPageToken;
      if (!token) expect(res.json).not.toHaveProperty("nextPageToken");
      expect(pages.length).toBeLessThan(20);
    } while (token);
    return pages;
  }

  it("pages schemas: every schema exactly once, in order, the last page without a token", async () => {
    const all = (await pager.get("/shares/many/schemas")).json.items.map((s: any) => s.name);
    expect(all).toEqual(["a", "b", "c", "d"]);
    for (const size of [1, 2, 3, 4]) {
      const pages = await pagesOf("/shares/many/schemas", size);
      expect(pages.flat().map((s) => s.name), `maxResults=${size}`).toEqual(all);
      expect(pages.flat().every((s) => s.share === "many")).toBe(true);
      expect(pages.length).toBe(Math.ceil(all.length / size));
    }
  });

  it("pages the tables of a schema (a shared schema's included): each once, the last page without a token", async () => {
    const all = (await pager.get("/shares/many/schemas/d/tables")).json.items.map((x: any) => x.name);
    expect(all).toEqual(["basic", "dv", "multi"]);
    for (const size of [1, 2, 3]) {
      const pages = await pagesOf("/shares/many/schemas/d/tables", size);
      const names = pages.flat().map((x) => x.name);
      expect(names, `maxResults=${size}`).toEqual(all);
      expect(new Set(pages.flat().map((x) => x.id)).size).toBe(all.length);
      expect(pages.flat().every((x) => x.schema === "d" && x.share === "many")).toBe(true);
    }
    const single = await pagesOf("/shares/many/schemas/a/tables", 1);
    expect(single.flat().map((x) => x.name)).toEqual(["basic"]);
  });

  it("pages all tables across schemas with no duplicates", async () => {
    const pages = await pagesOf("/shares/many/all-tables", 2);
    const names = pages.flat().map((x) => `${x.schema}.${x.name}`);
    expect(names).toEqual(["a.basic", "b.multi", "c.dv", "d.basic", "d.dv", "d.multi"]);
    expect(new Set(pages.flat().map((x) => x.id)).size).toBe(6);
  });

  it("refuses a page token of one schema's tables for another schema, or for the schema list", async () => {
    const first = await pager.get("/shares/many/schemas/d/tables?maxResults=1");
    const token = encodeURIComponent(first.json.nextPageToken);
    for (const path of [`/shares/many/schemas/a/tables?pageToken=${token}`, `/shares/many/schemas?pageToken=${token}`]) {
      const res = await pager.get(path);
      expect(res.status, path).toBe(400);
      expect(res.json).toEqual({ errorCode: "INVALID_PARAMETER_VALUE", message: "invalid 'nextPageToken'." });
    }
    expect((await pager.get("/shares/many/schemas/d/tables?maxResults=0")).json).toEqual({ items: [] });
  });
});

describe("audit of list calls", () => {
  const lastAudit = async (action: string) => {
    const [row] = await t.services.db.select().from(auditLog).where(eq(auditLog.actionName, action)).orderBy(desc(auditLog.seq)).limit(1);
    return row;
  };

  it("audits list schemas, list tables and list all tables with the recipient, the share and the count", async () => {
    expect((await acme.get("/shares/alpha/schemas")).status).toBe(200);
    expect(await lastAudit("deltaSharingListSchemas")).toMatchObject({
      serviceName: "deltaSharing", outcome: "success", statusCode: 200, principalName: "acme", securableType: "share", securableFullName: "alpha",
      details: expect.objectContaining({ recipient: "acme", share: "alpha", count: 2 }),
    });
    expect((await acme.get("/shares/alpha/schemas/one/tables")).status).toBe(200);
    expect(await lastAudit("deltaSharingListTables")).toMatchObject({
      outcome: "success", principalName: "acme", securableFullName: "alpha",
      details: expect.objectContaining({ recipient: "acme", share: "alpha", schema: "one", count: 1 }),
    });
    expect((await acme.get("/shares/alpha/all-tables?maxResults=1")).status).toBe(200);
    expect(await lastAudit("deltaSharingListAllTables")).toMatchObject({
      outcome: "success", principalName: "acme", securableFullName: "alpha",
      details: expect.objectContaining({ recipient: "acme", share: "alpha", count: 1 }),
    });
  });

  it("audits refused list calls: another recipient's share as a hidden denial, a missing schema as failed", async () => {
    const hidden = await acme.get("/shares/secret/schemas");
    expect(hidden.status).toBe(404);
    expect(hidden.json).toEqual({ errorCode: "RESOURCE_DOES_NOT_EXIST", message: "Share 'secret' does not exist." });
    expect(await lastAudit("deltaSharingListSchemas")).toMatchObject({ outcome: "denied", statusCode: 404, principalName: "acme", details: expect.objectContaining({ share: "secret", hidden: true }) });
    expect((await acme.get("/shares/secret/all-tables")).status).toBe(404);
    expect(await lastAudit("deltaSharingListAllTables")).toMatchObject({ outcome: "denied", statusCode: 404, details: expect.objectContaining({ hidden: true }) });
    const missing = await acme.get("/shares/alpha/schemas/nope/tables");
    expect(missing.status).toBe(404);
    expect(await lastAudit("deltaSharingListTables")).toMatchObject({ outcome: "failed", statusCode: 404, errorCode: "RESOURCE_DOES_NOT_EXIST", principalName: "acme" });
  });
});
