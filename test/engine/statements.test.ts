import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { startTestApp, type TestApp } from "../support/app";
import { uc } from "../support/client";
import { columnLineage, tableLineage } from "../../schema/index";
import { loadSnapshot } from "../../src/delta/load-snapshot";
import { LocalObjectStore } from "../../src/node/local-store";
import { failure, rows, sorted, sql } from "./helpers";

/** Statement kinds the engine adds (issue 6 §2–3, §6): queries, writes, views, functions, lineage. */
let t: TestApp;
let analyst: Awaited<ReturnType<TestApp["user"]>>;
const s = (statement: string) => rows(t.admin, `USE CATALOG main; USE SCHEMA s; ${statement}`);

beforeAll(async () => {
  t = await startTestApp();
  analyst = await t.user("analyst@example.com");
  await rows(t.admin, `CREATE CATALOG main; CREATE SCHEMA main.s; USE CATALOG main; USE SCHEMA s;
    CREATE TABLE emp (id BIGINT NOT NULL, dept STRING, salary DECIMAL(10,2), hired DATE, active BOOLEAN) PARTITIONED BY (dept);
    INSERT INTO emp VALUES (1, 'eng', 100.50, DATE '2020-01-02', true), (2, 'eng', 200, DATE '2021-03-04', false), (3, 'ops', 150, NULL, true), (4, NULL, 50, DATE '2019-05-06', NULL);
    CREATE TABLE dept (name STRING, floor INT);
    INSERT INTO dept VALUES ('eng', 3), ('ops', 1), ('hr', 2)`);
}, 120_000);
afterAll(() => t.close());

describe("SELECT", () => {
  it("returns Databricks types and JSON_ARRAY strings", async () => {
    const res = await sql(t.admin, "SELECT id, salary, hired, active, CAST(1.5 AS DOUBLE) AS d, TIMESTAMP '2024-01-02 03:04:05' AS ts, CAST('ab' AS BINARY) AS b, array(1, 2) AS a FROM main.s.emp WHERE id = 1");
    expect(res.body.manifest.schema.columns.map((c: { type_name: string; type_text: string }) => [c.type_name, c.type_text])).toEqual([
      ["LONG", "BIGINT"], ["DECIMAL", "DECIMAL(10,2)"], ["DATE", "DATE"], ["BOOLEAN", "BOOLEAN"], ["DOUBLE", "DOUBLE"],
      ["TIMESTAMP_NTZ", "TIMESTAMP_NTZ"], ["BINARY", "BINARY"], ["ARRAY", "ARRAY<INT>"],
    ]);
    expect(res.body.result.data_array).toEqual([["1", "100.50", "2020-01-02", "true", "1.5", "2024-01-02T03:04:05", "YWI=", "[1,2]"]]);
  });
  it("joins, aggregates with HAVING, set operations, DISTINCT, LIMIT/OFFSET", async () => {
    expect(await s("SELECT e.dept, d.floor, count(*) FROM emp e LEFT JOIN dept d ON e.dept = d.name GROUP BY e.dept, d.floor HAVING count(*) >= 1 ORDER BY e.dept NULLS LAST"))
      .toEqual([["eng", "3", "2"], ["ops", "1", "1"], [null, null, "1"]]);
    expect(await s("SELECT name FROM dept EXCEPT SELECT dept FROM emp ORDER BY 1")).toEqual([["hr"]]);
    expect(await s("SELECT name FROM dept INTERSECT SELECT dept FROM emp ORDER BY 1")).toEqual([["eng"], ["ops"]]);
    expect(await s("SELECT DISTINCT dept FROM emp WHERE dept IS NOT NULL ORDER BY dept LIMIT 1 OFFSET 1")).toEqual([["ops"]]);
    expect(await s("SELECT count(*) FROM emp CROSS JOIN dept")).toEqual([["12"]]);
  });
  it("window functions, CTEs, scalar subqueries and VALUES", async () => {
    expect(await s("WITH r AS (SELECT id, row_number() OVER (PARTITION BY dept ORDER BY salary DESC) AS n FROM emp) SELECT id FROM r WHERE n = 1 ORDER BY id")).toEqual([["2"], ["3"], ["4"]]);
    expect(await s("SELECT id, (SELECT max(floor) FROM dept) FROM emp WHERE id = 1")).toEqual([["1", "3"]]);
    expect(sorted(await rows(t.admin, "VALUES (1, 'a'), (2, 'b')"))).toEqual([["1", "a"], ["2", "b"]]);
  });
  it("reads partition values back; NULLs sort first ascending, as in Spark", async () => {
    expect(await s("SELECT dept, count(*) FROM emp GROUP BY dept ORDER BY dept")).toEqual([[null, "1"], ["eng", "2"], ["ops", "1"]]);
  });
  it("needs SELECT, USE CATALOG and USE SCHEMA", async () => {
    // Without USE CATALOG / USE SCHEMA even a granted table is out of sight.
    await rows(t.admin, "GRANT SELECT ON TABLE main.s.emp TO `analyst@example.com`");
    expect((await failure(analyst, "SELECT * FROM main.s.emp")).message).toMatch(/^\[TABLE_OR_VIEW_NOT_FOUND\]/);
    await rows(t.admin, "GRANT USE CATALOG ON CATALOG main TO `analyst@example.com`; GRANT USE SCHEMA ON SCHEMA main.s TO `analyst@example.com`");
    expect(await rows(analyst, "SELECT count(*) FROM main.s.emp")).toEqual([["4"]]);
    await rows(t.admin, "GRANT MODIFY ON TABLE main.s.dept TO `analyst@example.com`");
    expect((await failure(analyst, "SELECT * FROM main.s.dept")).message).toMatch(/^\[INSUFFICIENT_PERMISSIONS\].*SELECT/);
  });
  it("unknown functions and tables fail with Databricks error classes", async () => {
    expect((await failure(t.admin, "SELECT nope(1)")).message).toMatch(/UNRESOLVED_ROUTINE/);
    expect((await failure(t.admin, "SELECT * FROM main.s.missing")).message).toMatch(/^\[TABLE_OR_VIEW_NOT_FOUND\]/);
    expect((await failure(t.admin, "SELECT FROM WHERE")).error_code).toBe("BAD_REQUEST");
  });
});

describe("INSERT", () => {
  it("INSERT ... VALUES with a column list fills the rest with NULL and writes stats", async () => {
    expect(await s("INSERT INTO dept (floor, name) VALUES (4, 'it')")).toEqual([["1", "1"]]);
    expect(await s("SELECT * FROM dept WHERE name = 'it'")).toEqual([["it", "4"]]);
    expect(await s("INSERT INTO emp (id) VALUES (9)")).toEqual([["1", "1"]]);
    const info = (await t.admin.get(uc("/tables/main.s.emp"))).body;
    const snap = await loadSnapshot(new LocalObjectStore(), info.storage_location);
    const newest = snap.files.map((f) => snap.stats(f)).find((st) => st?.minValues?.id === 9);
    expect(newest).toMatchObject({ numRecords: 1, minValues: { id: 9 }, maxValues: { id: 9 }, nullCount: { salary: 1 } });
    expect(snap.files.some((f) => f.add.path.startsWith("dept=__HIVE_DEFAULT_PARTITION__/"))).toBe(true);
  });
  it("refuses NULL into NOT NULL, wrong arity, unknown columns, views and OVERWRITE", async () => {
    expect((await failure(t.admin, "INSERT INTO main.s.emp (dept) VALUES ('x')")).message).toContain("NOT NULL constraint violated for column: id");
    expect((await failure(t.admin, "INSERT INTO main.s.dept VALUES ('x')")).message).toContain("INSERT_COLUMN_ARITY_MISMATCH");
    expect((await failure(t.admin, "INSERT INTO main.s.dept (nope) VALUES ('x')")).message).toContain("nope");
    expect((await failure(t.admin, "INSERT OVERWRITE main.s.dept VALUES ('x', 1)")).error_code).toBe("BAD_REQUEST");
    expect(await s("SELECT count(*) FROM emp WHERE dept = 'x'")).toEqual([["0"]]);
  });
  it("needs MODIFY on the target and SELECT on the source", async () => {
    expect((await failure(analyst, "INSERT INTO main.s.emp SELECT * FROM main.s.emp")).error_code).toBe("PERMISSION_DENIED");
    expect((await failure(analyst, "INSERT INTO main.s.dept SELECT name, floor FROM main.s.dept")).error_code).toBe("PERMISSION_DENIED");
    expect(await rows(analyst, "INSERT INTO main.s.dept SELECT dept, 7 FROM main.s.emp WHERE id = 3")).toEqual([["1", "1"]]);
  });
});

describe("CTAS, views, DESCRIBE, EXPLAIN", () => {
  it("CREATE TABLE ... AS SELECT takes the query's columns and partitioning", async () => {
    expect(await s("CREATE TABLE by_dept PARTITIONED BY (dept) AS SELECT dept, count(*) AS n, sum(salary) AS total FROM emp WHERE dept IS NOT NULL GROUP BY dept")).toEqual([["2", "2"]]);
    const info = (await t.admin.get(uc("/tables/main.s.by_dept"))).body;
    expect(info.columns.map((c: { name: string; type_text: string; partition_index: number | null }) => [c.name, c.type_text, c.partition_index])).toEqual([
      ["dept", "string", 0], ["n", "bigint", null], ["total", "decimal(38,2)", null],
    ]);
    expect(await s("SELECT * FROM by_dept ORDER BY dept")).toEqual([["eng", "2", "300.50"], ["ops", "1", "150.00"]]);
    expect(await s("CREATE TABLE IF NOT EXISTS by_dept AS SELECT 1 AS x")).toEqual([]);
    expect((await failure(t.admin, "CREATE TABLE main.s.by_dept AS SELECT 1 AS x")).message).toMatch(/ALREADY_EXISTS/);
  });
  it("a failed CTAS leaves no table behind", async () => {
    expect((await failure(t.admin, "CREATE TABLE main.s.broken AS SELECT CAST('x' AS INT) AS n")).error_code).toBe("BAD_REQUEST");
    expect((await t.admin.get(uc("/tables/main.s.broken"))).status).toBe(404);
  });
  it("CREATE VIEW stores the definition, columns and dependencies; DESCRIBE shows them", async () => {
    await s("CREATE VIEW eng_view (emp_id COMMENT 'who', pay) COMMENT 'engineers' AS SELECT id, salary FROM emp WHERE dept = 'eng'");
    const info = (await t.admin.get(uc("/tables/main.s.eng_view"))).body;
    expect(info).toMatchObject({ table_type: "VIEW", view_definition: "SELECT id, salary FROM emp WHERE dept = 'eng'", comment: "engineers" });
    expect(info.view_dependencies).toEqual({ dependencies: [{ table: { table_full_name: "main.s.emp" } }] });
    expect(await s("DESCRIBE TABLE eng_view")).toEqual([["emp_id", "bigint", "who"], ["pay", "decimal(10,2)", null]]);
    expect(await s("SELECT * FROM eng_view ORDER BY emp_id")).toEqual([["1", "100.50"], ["2", "200.00"]]);
    expect((await failure(t.admin, "INSERT INTO main.s.eng_view VALUES (1, 1)")).message).toContain("is a view");
  });
  it("EXPLAIN returns one plan row", async () => {
    const res = await sql(t.admin, "EXPLAIN SELECT dept, count(*) FROM main.s.emp GROUP BY dept");
    expect(res.body.manifest.schema.columns.map((c: { name: string }) => c.name)).toEqual(["plan"]);
    expect(res.body.result.data_array[0][0]).toMatch(/table main\.s\.emp[\s\S]*HASH_GROUP_BY/);
  });
});

describe("SQL functions", () => {
  it("CREATE FUNCTION stores a FunctionInfo; DESCRIBE FUNCTION shows it", async () => {
    await s("CREATE FUNCTION bonus(pay DECIMAL(10,2), pct INT COMMENT 'percent') RETURNS DECIMAL(10,2) COMMENT 'raise' RETURN pay * pct / 100");
    const f = (await t.admin.get(uc("/functions/main.s.bonus"))).body;
    expect(f).toMatchObject({
      full_name: "main.s.bonus", data_type: "DECIMAL", full_data_type: "decimal(10,2)", routine_body: "SQL", routine_definition: "pay * pct / 100",
      is_deterministic: true, sql_data_access: "CONTAINS_SQL", security_type: "DEFINER", comment: "raise",
    });
    expect(f.input_params.parameters).toEqual([
      expect.objectContaining({ name: "pay", type_text: "decimal(10,2)", type_name: "DECIMAL", position: 0, type_json: '{"name":"pay","type":"decimal(10,2)","nullable":true,"metadata":{}}' }),
      expect.objectContaining({ name: "pct", type_text: "int", type_name: "INT", position: 1, comment: "percent" }),
    ]);
    expect(await s("DESCRIBE FUNCTION bonus")).toEqual([["Function: main.s.bonus"], ["Type: SCALAR"], ["Input: pay DECIMAL(10,2), pct INT"], ["Returns: DECIMAL(10,2)"]]);
  });
  it("calls by one-, two- and three-part names; nested functions; results cast to the declared type", async () => {
    await s("CREATE FUNCTION double_bonus(pay DECIMAL(10,2)) RETURNS DECIMAL(10,2) RETURN main.s.bonus(pay, 10) * 2");
    expect(await s("SELECT bonus(salary, 10), s.bonus(salary, 10), main.s.double_bonus(salary) FROM emp WHERE id = 1")).toEqual([["10.05", "10.05", "20.10"]]);
  });
  it("calling needs EXECUTE; a function reading a table uses its owner's rights", async () => {
    await s("CREATE FUNCTION dept_floor(d STRING) RETURNS INT READS SQL DATA RETURN (SELECT max(floor) FROM main.s.dept WHERE name = d)");
    expect((await failure(analyst, "SELECT main.s.dept_floor('eng')")).error_code).toBe("NOT_FOUND");
    await rows(t.admin, "GRANT EXECUTE ON FUNCTION main.s.dept_floor TO `analyst@example.com`; REVOKE MODIFY ON TABLE main.s.dept FROM `analyst@example.com`");
    expect(await rows(analyst, "SELECT main.s.dept_floor('eng')")).toEqual([["3"]]);
  });
  it("refuses recursion, bad bodies and unknown types; DROP FUNCTION removes it", async () => {
    await s("CREATE FUNCTION loop1(x INT) RETURNS INT RETURN main.s.loop1(x)");
    expect((await failure(t.admin, "SELECT main.s.loop1(1)")).message).toContain("calls itself");
    expect((await failure(t.admin, "CREATE FUNCTION main.s.two(x INT) RETURNS INT RETURN x, x")).error_code).toBe("BAD_REQUEST");
    await s("DROP FUNCTION loop1; DROP FUNCTION IF EXISTS loop1");
    expect((await t.admin.get(uc("/functions/main.s.loop1"))).status).toBe(404);
  });
});

describe("lineage and audit of writes", () => {
  it("INSERT ... SELECT records table and column lineage with the statement and principal", async () => {
    await s("CREATE TABLE pay_by_floor (floor INT, pay DECIMAL(10,2))");
    const res = await sql(t.admin, "INSERT INTO main.s.pay_by_floor SELECT d.floor, e.salary FROM main.s.emp e JOIN main.s.dept d ON e.dept = d.name");
    const id = res.body.statement_id;
    const tables = await t.services.db.select().from(tableLineage).where(eq(tableLineage.statementId, id));
    expect(tables.map((r) => [r.sourceTableFullName, r.targetTableFullName, r.sourceType, r.createdBy, r.entityType]).sort()).toEqual([
      ["main.s.dept", "main.s.pay_by_floor", "TABLE", "admin", "QUERY"],
      ["main.s.emp", "main.s.pay_by_floor", "TABLE", "admin", "QUERY"],
    ]);
    const cols = await t.services.db.select().from(columnLineage).where(eq(columnLineage.statementId, id));
    expect(cols.map((r) => `${r.sourceTableFullName}.${r.sourceColumnName}->${r.targetColumnName}`).sort()).toEqual(["main.s.dept.floor->floor", "main.s.emp.salary->pay"]);
  });
  it("CTAS through a CTE and a view keeps the view as the source", async () => {
    const res = await sql(t.admin, "CREATE TABLE main.s.eng_copy AS WITH v AS (SELECT emp_id, pay * 2 AS p FROM main.s.eng_view) SELECT emp_id, p FROM v");
    const cols = await t.services.db.select().from(columnLineage).where(eq(columnLineage.statementId, res.body.statement_id));
    expect(cols.map((r) => [r.sourceTableFullName, r.sourceType, r.sourceColumnName, r.targetColumnName]).sort()).toEqual([
      ["main.s.eng_view", "VIEW", "emp_id", "emp_id"],
      ["main.s.eng_view", "VIEW", "pay", "p"],
    ]);
  });
});
