import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { securables, tableDetails } from "../../../schema/index";
import { startTestApp, type TestApp } from "../../support/app";
import { uc, type ApiClient } from "../../support/client";
import { SharingClient } from "../../support/sharing-client";
import { sharingWorld, type SharingWorld } from "../../support/sharing-world";

let t: TestApp;
let world: SharingWorld;
const sql = (statement: string, client: ApiClient = t.admin) => client.post("/api/2.0/sql/statements", { statement, warehouse_id: "x" });
const rows = async (statement: string) => {
  const res = await sql(statement);
  expect(res.body.status, JSON.stringify(res.body.status)).toEqual({ state: "SUCCEEDED" });
  return res.body.result?.data_array ?? [];
};
const fails = async (statement: string) => {
  const res = await sql(statement);
  expect(res.body.status.state).toBe("FAILED");
  return res.body.status.error as { error_code: string; message: string };
};

beforeAll(async () => {
  t = await startTestApp();
  world = await sharingWorld(t, ["basic", "cdf"]);
  await t.user("bob@example.com");
});
afterAll(async () => {
  await t.close();
  await world.cleanup();
});

describe("sharing SQL", () => {
  it("creates a share, adds tables with partitions, alias and history, and shows them", async () => {
    await rows(`CREATE SHARE IF NOT EXISTS sales COMMENT 'EU sales';
      CREATE SHARE IF NOT EXISTS sales;
      ALTER SHARE sales ADD TABLE lake.delta.cdf COMMENT 'cdf' PARTITION (part = CURRENT_RECIPIENT('part')) AS eu.changes WITH HISTORY;
      USE CATALOG lake; USE SCHEMA delta;
      ALTER SHARE sales ADD basic AS eu.basic`);
    expect(await rows("SHOW ALL IN SHARE sales")).toEqual([
      ["eu.basic", "TABLE", "lake.delta.basic", expect.any(String), "admin", null, null, "DISABLED"],
      ["eu.changes", "TABLE", "lake.delta.cdf", expect.any(String), "admin", "cdf", "(part = CURRENT_RECIPIENT('part'))", "ENABLED"],
    ]);
    expect(await rows("SHOW SHARES")).toEqual([["sales", expect.any(String), "admin", "EU sales"]]);
    expect(await rows("DESCRIBE SHARE sales")).toEqual([["sales", expect.any(String), "admin", "EU sales", "admin"]]);
    await rows("CREATE SHARE whole; ALTER SHARE whole ADD SCHEMA lake.delta COMMENT 'everything'");
    expect((await rows("SHOW ALL IN SHARE whole"))[0].slice(0, 3)).toEqual(["delta", "SCHEMA", "lake.delta"]);
    await rows("ALTER SHARE whole REMOVE SCHEMA lake.delta; DROP SHARE whole; DROP SHARE IF EXISTS whole");
  });

  it("creates recipients with properties, grants them the share, and the activation link from SQL works", async () => {
    const [[name, type, link]] = await rows("CREATE RECIPIENT r1 COMMENT 'partner one' PROPERTIES ('part' = '1')");
    expect([name, type]).toEqual(["r1", "TOKEN"]);
    expect(link).toMatch(/\/api\/2\.1\/unity-catalog\/public\/data_sharing_activation_info\//);
    await rows("GRANT SELECT ON SHARE sales TO RECIPIENT r1");
    expect(await rows("SHOW GRANTS ON SHARE sales")).toEqual([["r1", "SELECT", "SHARE", "sales"]]);
    expect(await rows("SHOW GRANTS TO RECIPIENT r1")).toEqual([["r1", "SELECT", "SHARE", "sales"]]);
    const code = String(link).split("/").pop();
    const profile = await t.client().get(`/api/2.1/unity-catalog/public/data_sharing_activation/${code}`);
    const r1 = new SharingClient(t.app, profile.body.bearerToken);
    const latest = await r1.query("/shares/sales/schemas/eu/tables/changes", { version: 0 });
    expect(latest.lines.filter((l) => l.file).map((l) => l.file.partitionValues.part)).toEqual(["1", "1"]);
    await rows("ALTER RECIPIENT r1 SET PROPERTIES ('part' = '0', 'tier' = 'gold')");
    expect((await r1.query("/shares/sales/schemas/eu/tables/changes", { version: 0 })).lines.filter((l) => l.file).map((l) => l.file.partitionValues.part)).toEqual(["0", "0"]);
    const [described] = await rows("DESCRIBE RECIPIENT r1");
    expect(described.slice(0, 6)).toEqual(["r1", expect.any(String), "admin", "partner one", "TOKEN", "true"]);
    expect(JSON.parse(described[10])).toEqual({ part: "0", tier: "gold" });
    await rows("ALTER RECIPIENT r1 UNSET PROPERTIES ('part')");
    expect((await r1.query("/shares/sales/schemas/eu/tables/changes", { version: 0 })).lines.filter((l) => l.file)).toHaveLength(0);
    expect(await rows("SHOW RECIPIENTS")).toEqual([["r1", expect.any(String), "admin", "partner one"]]);
    await rows("REVOKE SELECT ON SHARE sales FROM RECIPIENT r1");
    expect(await rows("SHOW GRANTS ON SHARE sales")).toEqual([]);
    expect((await r1.get("/shares")).json).toEqual({ items: [] });
  });

  it("removes by name or alias, renames, transfers ownership and drops", async () => {
    await rows("ALTER SHARE sales REMOVE TABLE eu.basic");
    expect((await rows("SHOW ALL IN SHARE sales")).map((r: string[]) => r[0])).toEqual(["eu.changes"]);
    await rows("ALTER SHARE sales REMOVE TABLE lake.delta.cdf");
    await rows("ALTER SHARE sales RENAME TO sales2; ALTER RECIPIENT r1 RENAME TO r2; ALTER SHARE sales2 OWNER TO `bob@example.com`");
    expect(await rows("DESCRIBE SHARE sales2")).toEqual([["sales2", expect.any(String), "admin", "EU sales", "bob@example.com"]]);
    expect((await t.admin.get(uc("/recipients/r2"))).status).toBe(200);
    await rows("DROP SHARE sales2; DROP RECIPIENT r2; DROP RECIPIENT IF EXISTS r2");
    expect(await rows("SHOW SHARES")).toEqual([]);
  });

  it("reports errors: non-recipient grantees, other privileges, filtered tables", async () => {
    await rows("CREATE SHARE e; CREATE RECIPIENT IF NOT EXISTS r3");
    expect((await fails("GRANT SELECT ON SHARE e TO `bob@example.com`")).message).toContain("is not a recipient");
    expect((await fails("GRANT SELECT ON SHARE e TO RECIPIENT nobody")).error_code).toBe("NOT_FOUND");
    expect((await fails("GRANT MODIFY ON SHARE e TO RECIPIENT r3")).message).toContain("not valid on a share");
    expect((await fails("GRANT SELECT ON TABLE lake.delta.basic TO RECIPIENT r3")).message).toContain("SELECT ON SHARE");
    const [row] = await t.services.db.select({ id: securables.id }).from(securables).where(eq(securables.fullName, "lake.delta.basic"));
    await t.services.db.update(tableDetails).set({ rowFilter: { function_name: "lake.delta.f", input_column_names: ["value"] } }).where(eq(tableDetails.securableId, row!.id));
    const err = await fails("ALTER SHARE e ADD TABLE lake.delta.basic");
    expect(err.message).toContain("row filter");
    expect(err.message).toContain("Share a view");
    await t.services.db.update(tableDetails).set({ rowFilter: null }).where(eq(tableDetails.securableId, row!.id));
    expect((await fails("ALTER SHARE nope ADD TABLE lake.delta.basic")).error_code).toBe("NOT_FOUND");
    expect((await fails("ALTER SHARE e ADD TABLE lake.delta.basic PARTITION (part = 1)")).message).toContain("not partitioned");
  });
});

describe("sharing SQL: WITHOUT HISTORY", () => {
  it("shares only the latest snapshot: time travel, streaming and the change feed are refused; WITH HISTORY opens them", async () => {
    await rows("CREATE SHARE nohist; ALTER SHARE nohist ADD TABLE lake.delta.cdf AS h.cdf WITHOUT HISTORY");
    expect(await rows("SHOW ALL IN SHARE nohist")).toEqual([["h.cdf", "TABLE", "lake.delta.cdf", expect.any(String), "admin", null, null, "DISABLED"]]);
    const [[, , link]] = await rows("CREATE RECIPIENT hr");
    await rows("GRANT SELECT ON SHARE nohist TO RECIPIENT hr");
    const profile = await t.client().get(`/api/2.1/unity-catalog/public/data_sharing_activation/${String(link).split("/").pop()}`);
    const hr = new SharingClient(t.app, profile.body.bearerToken);
    const T = "/shares/nohist/schemas/h/tables/cdf";

    const latest = await hr.query(T, {});
    expect(latest.status, latest.text).toBe(200);
    expect(latest.lines.filter((l) => l.file).length).toBeGreaterThan(0);
    expect((await hr.get(`${T}/version`)).headers.get("delta-table-version")).toBe("2");
    expect((await hr.get(`${T}/metadata`)).status).toBe(200);

    const refused = [
      await hr.query(T, { version: 0 }),
      await hr.query(T, { timestamp: new Date().toISOString() }),
      await hr.query(T, { startingVersion: 0 }),
      await hr.get(`${T}/changes?startingVersion=0`),
      await hr.get(`${T}/changes?startingTimestamp=2020-01-01T00:00:00Z`),
      await hr.get(`${T}/metadata?version=0`),
      await hr.get(`${T}/version?startingTimestamp=2020-01-01T00:00:00Z`),
    ];
    for (const res of refused) {
      expect(res.status).toBe(400);
      expect(res.json).toEqual({ errorCode: "INVALID_PARAMETER_VALUE", message: expect.stringContaining("shared without history") });
    }

    await rows("ALTER SHARE nohist REMOVE TABLE h.cdf; ALTER SHARE nohist ADD TABLE lake.delta.cdf AS h.cdf WITH HISTORY");
    expect((await rows("SHOW ALL IN SHARE nohist"))[0][7]).toBe("ENABLED");
    const v0 = await hr.query(T, { version: 0 });
    expect(v0.status, v0.text).toBe(200);
    expect(v0.headers.get("delta-table-version")).toBe("0");
    const changes = await hr.get(`${T}/changes?startingVersion=0&endingVersion=2`);
    expect(changes.status, changes.text).toBe(200);
    expect(changes.lines.filter((l) => l.add || l.cdf || l.remove)).toHaveLength(7);
  });
});
