import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../support/app";
import { uc, type ApiClient } from "../../support/client";

let t: TestApp;
const sql = (client: ApiClient, statement: string, extra: Record<string, unknown> = {}) => client.post("/api/2.0/sql/statements", { statement, warehouse_id: "x", ...extra });

beforeAll(async () => {
  t = await startTestApp();
  await t.group("data eng");
  await t.user("ann@example.com");
});
afterAll(() => t.close());

describe("statement API: happy path", () => {
  it("runs a script in order, with USE, and returns the last result in Databricks' shape", async () => {
    const res = await sql(
      t.admin,
      `CREATE CATALOG main COMMENT 'all';
       USE CATALOG main;
       CREATE SCHEMA IF NOT EXISTS sales;
       USE SCHEMA sales;
       CREATE TABLE orders (id BIGINT NOT NULL, region STRING COMMENT 'where', amount DECIMAL(10,2)) USING DELTA PARTITIONED BY (region) COMMENT 'orders' TBLPROPERTIES ('team' = 'a');
       GRANT SELECT, MODIFY ON TABLE orders TO \`data eng\`;
       GRANT USE CATALOG ON CATALOG main TO \`ann@example.com\`;
       SHOW GRANTS ON TABLE orders`,
    );
    expect(res.status).toBe(200);
    expect(res.body.status).toEqual({ state: "SUCCEEDED" });
    expect(res.body.manifest.schema.columns.map((c: any) => c.name)).toEqual(["principal", "ActionType", "ObjectType", "ObjectKey"]);
    expect(res.body.result.data_array).toEqual([
      ["data eng", "MODIFY", "TABLE", "main.sales.orders"],
      ["data eng", "SELECT", "TABLE", "main.sales.orders"],
    ]);
    const table = await t.admin.get(uc("/tables/main.sales.orders"));
    expect(table.body).toMatchObject({ table_type: "MANAGED", comment: "orders", properties: { team: "a" } });
    expect(table.body.columns).toEqual([
      expect.objectContaining({ name: "id", type_text: "bigint", type_name: "LONG", nullable: false, position: 0 }),
      expect.objectContaining({ name: "region", type_text: "string", partition_index: 0, comment: "where" }),
      expect.objectContaining({ name: "amount", type_text: "decimal(10,2)", type_name: "DECIMAL", type_precision: 10, type_scale: 2 }),
    ]);

    const again = await t.admin.get(`/api/2.0/sql/statements/${res.body.statement_id}`);
    expect(again.body).toEqual(res.body);
  });

  it("shows grants inherited from containers, and grants to a principal", async () => {
    const res = await sql(t.admin, "GRANT SELECT ON SCHEMA main.sales TO `ann@example.com`; SHOW GRANTS `ann@example.com` ON TABLE main.sales.orders");
    expect(res.body.result.data_array).toEqual([["ann@example.com", "SELECT", "SCHEMA", "main.sales"]]);
    const to = await sql(t.admin, "SHOW GRANTS TO `ann@example.com`");
    expect(to.body.result.data_array).toEqual([
      ["ann@example.com", "USE CATALOG", "CATALOG", "main"],
      ["ann@example.com", "SELECT", "SCHEMA", "main.sales"],
    ]);
    const revoked = await sql(t.admin, "REVOKE SELECT ON SCHEMA main.sales FROM `ann@example.com`; SHOW GRANTS `ann@example.com` ON SCHEMA main.sales");
    expect(revoked.body.result.data_array).toEqual([]);
  });

  it("SHOW CATALOGS / SCHEMAS / TABLES with LIKE patterns, DESCRIBE, COMMENT ON, ALTER OWNER", async () => {
    await sql(t.admin, "CREATE CATALOG other; CREATE SCHEMA main.staging; CREATE TABLE main.sales.returns (id INT)");
    expect((await sql(t.admin, "SHOW CATALOGS LIKE 'ma*'")).body.result.data_array).toEqual([["main"]]);
    expect((await sql(t.admin, "SHOW SCHEMAS IN main LIKE 'sales|staging'")).body.result.data_array).toEqual([["sales"], ["staging"]]);
    expect((await sql(t.admin, "SHOW TABLES IN main.sales")).body.result.data_array).toEqual([["sales", "orders", "false"], ["sales", "returns", "false"]]);
    await sql(t.admin, "COMMENT ON TABLE main.sales.returns IS 'refunds'; ALTER TABLE main.sales.returns OWNER TO `data eng`");
    expect((await t.admin.get(uc("/tables/main.sales.returns"))).body).toMatchObject({ comment: "refunds", owner: "data eng" });
    const described = await sql(t.admin, "DESCRIBE TABLE EXTENDED main.sales.orders");
    const rows = described.body.result.data_array;
    expect(rows[0]).toEqual(["id", "bigint", null]);
    expect(rows).toContainEqual(["# Partition Information", "", ""]);
    expect(rows).toContainEqual(["Owner", "admin", ""]);
    expect(rows).toContainEqual(["Type", "MANAGED", ""]);
  });

  it("pages large results in chunks", async () => {
    await sql(t.admin, "CREATE CATALOG many");
    const names = Array.from({ length: 12 }, (_, i) => `s${String(i).padStart(2, "0")}`);
    await sql(t.admin, names.map((n) => `CREATE SCHEMA many.${n}`).join(";"));
    const res = await sql(t.admin, "SHOW SCHEMAS IN many", { row_limit: 5 });
    expect(res.body.manifest.total_row_count).toBe(5);
    expect(res.body.manifest.truncated).toBe(true);
  });
});

describe("statement API: errors", () => {
  it("reports syntax errors with line and column, and runs nothing of the script", async () => {
    const res = await sql(t.admin, "CREATE CATALOG never;\nGRANT SELECT ON TABLE TO x");
    expect(res.status).toBe(200);
    expect(res.body.status.state).toBe("FAILED");
    expect(res.body.status.error.error_code).toBe("BAD_REQUEST");
    expect(res.body.status.error.message).toMatch(/^\[PARSE_SYNTAX_ERROR\].*\(line 2, column 23\)/);
    expect((await t.admin.get(uc("/catalogs/never"))).status).toBe(404);
  });

  it("stops at the first failing statement, keeps the earlier ones, leaves nothing of the failed one", async () => {
    const res = await sql(t.admin, "CREATE CATALOG kept;\nCREATE TABLE kept.nope.t (id INT);\nCREATE CATALOG skipped");
    expect(res.body.status.state).toBe("FAILED");
    expect(res.body.status.error.message).toMatch(/^\[SCHEMA_NOT_FOUND\].*\(statement 2 of 3, line 2, column 1\)$/);
    expect((await t.admin.get(uc("/catalogs/kept"))).status).toBe(200);
    expect((await t.admin.get(uc("/catalogs/skipped"))).status).toBe(404);

    const bad = await sql(t.admin, "CREATE TABLE main.sales.badpart (id INT) PARTITIONED BY (nope)");
    expect(bad.body.status.state).toBe("FAILED");
    expect((await t.admin.get(uc("/tables/main.sales.badpart"))).status).toBe(404);
  });

  it("names privileges that do not apply, unknown principals and unqualified names", async () => {
    const priv = await sql(t.admin, "GRANT CREATE SCHEMA ON TABLE main.sales.orders TO `ann@example.com`");
    expect(priv.body.status.error.message).toContain("CREATE SCHEMA");
    const who = await sql(t.admin, "GRANT SELECT ON TABLE main.sales.orders TO nobody");
    expect(who.body.status.error.error_code).toBe("NOT_FOUND");
    const unqualified = await sql(t.admin, "DROP TABLE orders");
    expect(unqualified.body.status.error.message).toContain("USE CATALOG");
  });

  it("validates the request itself", async () => {
    const res = await t.admin.post("/api/2.0/sql/statements", { warehouse_id: "x" });
    expect([res.status, res.body.error_code]).toEqual([400, "INVALID_PARAMETER_VALUE"]);
    expect((await t.admin.post("/api/2.0/sql/statements", { statement: "SHOW CATALOGS", wait_timeout: "60s" })).status).toBe(400);
    expect((await t.admin.get("/api/2.0/sql/statements/not-a-uuid")).status).toBe(400);
  });
});

describe("statement API: security", () => {
  it("needs a token; denies GRANT to a non-manager and audits it", async () => {
    expect((await t.client().post("/api/2.0/sql/statements", { statement: "SHOW CATALOGS" })).status).toBe(401);
    const eve = await t.user("eve@example.com");
    await sql(t.admin, "GRANT USE CATALOG ON CATALOG main TO `eve@example.com`");
    const res = await sql(eve, "GRANT USE CATALOG ON CATALOG main TO `eve@example.com`");
    expect(res.body.status.state).toBe("FAILED");
    expect(res.body.status.error.error_code).toBe("PERMISSION_DENIED");
    expect(res.body.status.error.message).toMatch(/^\[INSUFFICIENT_PERMISSIONS\]/);
    const hidden = await sql(eve, "SHOW GRANTS ON TABLE main.sales.orders");
    expect(hidden.body.status.error.message).toMatch(/^\[TABLE_OR_VIEW_NOT_FOUND\]/);
  });

  it("keeps statements private to whoever ran them", async () => {
    const mine = await sql(t.admin, "SHOW CATALOGS");
    const eve = await t.user("eve2@example.com");
    const res = await eve.get(`/api/2.0/sql/statements/${mine.body.statement_id}`);
    expect([res.status, res.body.error_code]).toEqual([404, "RESOURCE_DOES_NOT_EXIST"]);
  });

  it("a user sees only the catalogs it may use", async () => {
    const bob = await t.user("bob@example.com");
    await sql(t.admin, "GRANT USE CATALOG ON CATALOG other TO `bob@example.com`");
    expect((await sql(bob, "SHOW CATALOGS")).body.result.data_array).toEqual([["other"]]);
  });
});
