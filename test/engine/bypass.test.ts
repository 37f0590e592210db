import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app";
import { uc } from "../support/client";
import { sql } from "./helpers";

/**
 * Bypass attempts (issue 6 "done when"): each is either refused or returns only permitted data,
 * and no response — rows, errors or plans — carries a hidden or masked value.
 *
 * main.sec.people: row filter keeps region US unless the reader is in `global`; masks hide
 * ssn (last four digits shown) and name unless the reader is in `hr`. The attacker may SELECT
 * it and has a sandbox schema where it can create tables, views and functions.
 */
let t: TestApp;
let attacker: Awaited<ReturnType<TestApp["user"]>>;
let storage = "";

/** Values that must never reach the attacker: hidden rows' data and unmasked values. */
const SECRETS = ["Eve", "Zed", "333-33-3333", "444-44-4444", "EU secret", "hidden", "111-11-1111", "222-22-2222", "Ann", "Bob", "'A'", "\"A\""];
const VISIBLE = [["1", "US", "***", "***-**-1111", "10"], ["2", "US", "***", "***-**-2222", "20"]];

beforeAll(async () => {
  t = await startTestApp();
  attacker = await t.user("mallory@example.com");
  const admin = async (s: string) => expect((await sql(t.admin, s)).body.status).toEqual({ state: "SUCCEEDED" });
  await admin(`CREATE CATALOG main; CREATE SCHEMA main.sec; CREATE SCHEMA main.sandbox;
    CREATE TABLE main.sec.people (id BIGINT, region STRING, name STRING, ssn STRING, note STRING);
    INSERT INTO main.sec.people VALUES (1, 'US', 'Ann', '111-11-1111', '10'), (2, 'US', 'Bob', '222-22-2222', '20'), (3, 'EU', 'Eve', '333-33-3333', 'EU secret'), (4, 'EU', 'Zed', '444-44-4444', 'hidden');
    CREATE TABLE main.sec.guesses (guess STRING);
    INSERT INTO main.sec.guesses VALUES ('111-11-1111'), ('333-33-3333'), ('***-**-1111');
    CREATE FUNCTION main.sec.us_only(r STRING) RETURNS BOOLEAN RETURN r = 'US' OR is_account_group_member('global');
    CREATE FUNCTION main.sec.mask_ssn(s STRING) RETURNS STRING RETURN CASE WHEN is_account_group_member('hr') THEN s ELSE '***-**-' || right(s, 4) END;
    CREATE FUNCTION main.sec.mask_name(n STRING) RETURNS STRING RETURN CASE WHEN is_account_group_member('hr') THEN n ELSE '***' END;
    ALTER TABLE main.sec.people SET ROW FILTER main.sec.us_only ON (region);
    ALTER TABLE main.sec.people ALTER COLUMN ssn SET MASK main.sec.mask_ssn;
    ALTER TABLE main.sec.people ALTER COLUMN name SET MASK main.sec.mask_name;
    GRANT USE CATALOG ON CATALOG main TO \`mallory@example.com\`;
    GRANT USE SCHEMA ON SCHEMA main.sec TO \`mallory@example.com\`;
    GRANT SELECT ON TABLE main.sec.people TO \`mallory@example.com\`;
    GRANT SELECT ON TABLE main.sec.guesses TO \`mallory@example.com\`;
    GRANT USE SCHEMA, CREATE TABLE, CREATE FUNCTION ON SCHEMA main.sandbox TO \`mallory@example.com\``);
  storage = (await t.admin.get(uc("/tables/main.sec.people"))).body.storage_location.replace("file://", "");
}, 120_000);
afterAll(() => t.close());

/** Runs a statement as the attacker; no part of the response may hold a secret or a path. */
async function attempt(statement: string) {
  const res = await sql(attacker, statement);
  const text = JSON.stringify(res.body);
  for (const s of SECRETS) expect(text, `${statement} leaked ${s}`).not.toContain(s);
  // (Unless the statement itself spelled the path: an error may echo the caller's own input.)
  if (!statement.includes(storage)) expect(text, `${statement} leaked the storage path`).not.toContain(storage);
  return res.body as { status: { state: string; error?: { error_code: string; message: string } }; result?: { data_array: (string | null)[][] } };
}
const ok = async (statement: string) => {
  const body = await attempt(statement);
  expect(body.status, statement).toEqual({ state: "SUCCEEDED" });
  return body.result?.data_array ?? [];
};
const refused = async (statement: string, code: string | RegExp) => {
  const body = await attempt(statement);
  expect(body.status.state, statement).toBe("FAILED");
  if (typeof code === "string") expect(body.status.error!.error_code, `${statement}: ${body.status.error!.message}`).toBe(code);
  else expect(body.status.error!.message, statement).toMatch(code);
  return body.status.error!;
};

describe("aliasing and name shadowing", () => {
  it("1. an alias does not shed the policies", async () => expect(await ok("SELECT * FROM main.sec.people AS raw ORDER BY id")).toEqual(VISIBLE));
  it("2. a CTE named like the table, reading the table, still reads through the policies", async () => {
    expect(await ok("WITH people AS (SELECT * FROM main.sec.people) SELECT * FROM people ORDER BY id")).toEqual(VISIBLE);
  });
  it("3. a CTE shadowing the table's name hides the table entirely (SQL scoping)", async () => {
    expect(await ok("USE CATALOG main; USE SCHEMA sec; WITH people AS (SELECT 'decoy' AS ssn) SELECT * FROM people")).toEqual([["decoy"]]);
  });
  it("4. a non-recursive CTE's body refers to the real table, not to itself", async () => {
    expect(await ok("USE CATALOG main; USE SCHEMA sec; WITH people AS (SELECT id, ssn FROM people) SELECT * FROM people ORDER BY id")).toEqual([["1", "***-**-1111"], ["2", "***-**-2222"]]);
  });
  it("5. an outer CTE is shadowed inside a nested query, and the inner reference is policed", async () => {
    const r = await ok("USE CATALOG main; USE SCHEMA sec; WITH people AS (SELECT 1 AS id) SELECT (SELECT count(*) FROM people), (SELECT count(*) FROM sec.people)");
    expect(r).toEqual([["1", "2"]]);
  });
  it("6. a subquery aliased as the table", async () => expect(await ok("SELECT count(*) FROM (SELECT * FROM main.sec.people) people")).toEqual([["2"]]));
  it("7. a self-join cannot unmask", async () => {
    expect(await ok("SELECT a.ssn, b.name FROM main.sec.people a JOIN main.sec.people b ON a.id = b.id ORDER BY a.id")).toEqual([["***-**-1111", "***"], ["***-**-2222", "***"]]);
  });
  it("8. a LATERAL subquery and a row-as-struct see masked values", async () => {
    expect(await ok("SELECT x.s FROM main.sec.people p, LATERAL (SELECT p.ssn AS s) x ORDER BY 1")).toEqual([["***-**-1111"], ["***-**-2222"]]);
  });
});

describe("quoting, case and name forms", () => {
  it("9. backticks", async () => expect(await ok("SELECT count(*) FROM `main`.`sec`.`people`")).toEqual([["2"]]));
  it("10. upper case", async () => expect(await ok("SELECT count(*) FROM MAIN.SEC.PEOPLE")).toEqual([["2"]]));
  it("11. mixed-case backticks", async () => expect(await ok("SELECT count(*) FROM `Main`.`SEC`.`People`")).toEqual([["2"]]));
  it("12. two-part name after USE CATALOG", async () => expect(await ok("USE CATALOG main; SELECT count(*) FROM sec.people")).toEqual([["2"]]));
  it("13. one-part name after USE SCHEMA, and TABLE shorthand", async () => {
    expect(await ok("USE CATALOG main; USE SCHEMA sec; SELECT count(*) FROM people")).toEqual([["2"]]);
    expect((await ok("USE CATALOG main; USE SCHEMA sec; TABLE people")).length).toBe(2);
  });
  it("14. a double-quoted name is a string in Databricks SQL, never a table reference", async () => {
    await refused('SELECT * FROM "main.sec.people"', /TABLE_OR_VIEW_NOT_FOUND/);
  });
  it("15. schema-qualified column references and comments around names", async () => {
    expect(await ok("USE CATALOG main; SELECT sec.people.ssn FROM /* c */ sec.people -- x\n ORDER BY 1")).toEqual([["***-**-1111"], ["***-**-2222"]]);
  });
  it("16. the engine's reserved names cannot be spelled", async () => {
    await refused("SELECT * FROM __lw_scan_0", "PERMISSION_DENIED");
    await refused("SELECT * FROM `__lw_v_0`", "PERMISSION_DENIED");
    await refused("SELECT __lw_fn_0(ssn) FROM main.sec.people", "PERMISSION_DENIED");
    await refused("SELECT * FROM temp.main.__LW_V_0", "PERMISSION_DENIED");
  });
});

describe("files and storage", () => {
  it("17. read_parquet over the table's own files", async () => {
    await refused(`SELECT * FROM read_parquet('${storage}/*.parquet')`, "PERMISSION_DENIED");
  });
  it("18. other file readers and globbing", async () => {
    await refused("SELECT * FROM read_csv('/etc/passwd')", "PERMISSION_DENIED");
    await refused("SELECT * FROM read_json_auto('/etc/hosts')", "PERMISSION_DENIED");
    await refused("SELECT * FROM glob('/tmp/*')", "PERMISSION_DENIED");
    await refused(`SELECT * FROM parquet_scan('${storage}/x.parquet')`, "PERMISSION_DENIED");
    await refused("SELECT read_text('/etc/passwd')", "PERMISSION_DENIED");
  });
  it("19. a file path used as a table name, and path-based reads", async () => {
    await refused(`SELECT * FROM '${storage}/part.parquet'`, /TABLE_OR_VIEW_NOT_FOUND/);
    await refused(`SELECT * FROM delta.\`${storage}\``, /TABLE_OR_VIEW_NOT_FOUND|INVALID_PARAMETER_VALUE/);
    await refused(`SELECT * FROM parquet.\`file://${storage}\``, /TABLE_OR_VIEW_NOT_FOUND|INVALID_PARAMETER_VALUE/);
  });
  it("20. SQL-running table functions", async () => {
    await refused("SELECT * FROM query('SELECT 1')", "PERMISSION_DENIED");
    await refused("SELECT * FROM query_table('main.sec.people')", "PERMISSION_DENIED");
  });
  it("21. statements that reach files or settings do not parse as queries", async () => {
    for (const s of [`COPY (SELECT 1) TO '/tmp/x.csv'`, `ATTACH '/tmp/x.db'`, "INSTALL httpfs", "LOAD httpfs", "PRAGMA version", "SET enable_external_access = true", "CALL duckdb_settings()"]) {
      await refused(s, "BAD_REQUEST");
    }
  });
});

describe("engine catalogs and settings", () => {
  it("22. information_schema, pg_catalog and sqlite_master are not catalog tables", async () => {
    await refused("SELECT * FROM information_schema.tables", /TABLE_OR_VIEW_NOT_FOUND|SCHEMA_NOT_FOUND|INVALID_PARAMETER_VALUE/);
    await refused("SELECT * FROM pg_catalog.pg_tables", /TABLE_OR_VIEW_NOT_FOUND|INVALID_PARAMETER_VALUE/);
    await refused("SELECT * FROM sqlite_master", /TABLE_OR_VIEW_NOT_FOUND|INVALID_PARAMETER_VALUE/);
  });
  it("23. duckdb_* table functions", async () => {
    for (const f of ["duckdb_tables()", "duckdb_views()", "duckdb_settings()", "duckdb_functions()", "pragma_database_list()"]) await refused(`SELECT * FROM ${f}`, "PERMISSION_DENIED");
  });
  it("24. settings and the rewritten query cannot be read back", async () => {
    await refused("SELECT current_setting('allowed_paths')", "PERMISSION_DENIED");
    await refused("SELECT current_query() FROM main.sec.people", "PERMISSION_DENIED");
    await refused("SELECT getvariable('x')", "PERMISSION_DENIED");
  });
});

describe("errors and plans", () => {
  it("25. a failing cast of a masked column does not print the raw value", async () => {
    const err = await refused("SELECT CAST(ssn AS INT) FROM main.sec.people", "BAD_REQUEST");
    expect(err.message).not.toMatch(/\d{3}-\d{2}-\d{4}/);
  });
  it("26. a predicate that fails only on hidden rows cannot reveal them", async () => {
    expect(await ok("SELECT id FROM main.sec.people WHERE CAST(note AS INT) > 0 ORDER BY id")).toEqual([["1"], ["2"]]);
  });
  it("27. error() keyed on a hidden value never fires", async () => {
    expect(await ok("SELECT id FROM main.sec.people WHERE CASE WHEN note = 'EU secret' THEN error('found it') ELSE true END ORDER BY id")).toEqual([["1"], ["2"]]);
  });
  it("28. division by zero in a query is not an oracle either", async () => {
    expect(await ok("SELECT id FROM main.sec.people WHERE 1 / (CASE WHEN note = 'hidden' THEN 0 ELSE 1 END) > 0 ORDER BY id")).toEqual([["1"], ["2"]]);
  });
  it("29. EXPLAIN shows the policies but no storage paths and no values", async () => {
    const [[plan]] = await ok("EXPLAIN SELECT * FROM main.sec.people WHERE ssn LIKE '%1'");
    expect(plan).toContain("row filter on main.sec.people: main.sec.us_only");
    expect(plan).toContain("column mask on main.sec.people.ssn: main.sec.mask_ssn");
    expect(plan).not.toContain("file://");
  });
  it("30. EXPLAIN needs the same privileges as the query", async () => {
    await refused("EXPLAIN SELECT * FROM main.sec.guesses JOIN main.sandbox.nothing ON true", /TABLE_OR_VIEW_NOT_FOUND/);
    await refused("EXPLAIN INSERT INTO main.sec.people SELECT * FROM main.sec.people", "PERMISSION_DENIED");
  });
});

describe("filters and casts inside policies", () => {
  it("31. a filter dividing by zero drops those rows (DuckDB's x % 0 is NULL, and NULL is not true)", async () => {
    await sql(t.admin, `CREATE FUNCTION main.sec.div_filter(n STRING) RETURNS BOOLEAN RETURN 10 % (CASE WHEN n = '10' THEN 0 ELSE 3 END) > 0;
      CREATE TABLE main.sec.div (n STRING); INSERT INTO main.sec.div VALUES ('10'), ('20');
      ALTER TABLE main.sec.div SET ROW FILTER main.sec.div_filter ON (n); GRANT SELECT ON TABLE main.sec.div TO \`mallory@example.com\``);
    expect(await ok("SELECT * FROM main.sec.div")).toEqual([["20"]]);
  });
  it("32. a filter whose cast fails reports no value", async () => {
    await sql(t.admin, `CREATE FUNCTION main.sec.cast_filter(n STRING) RETURNS BOOLEAN RETURN CAST(n AS INT) > 0;
      CREATE TABLE main.sec.casty (n STRING); INSERT INTO main.sec.casty VALUES ('7'), ('EU secret');
      ALTER TABLE main.sec.casty SET ROW FILTER main.sec.cast_filter ON (n); GRANT SELECT ON TABLE main.sec.casty TO \`mallory@example.com\``);
    const err = await refused("SELECT * FROM main.sec.casty", "BAD_REQUEST");
    expect(err.message).toContain("'***'");
  });
});

describe("masked columns used to infer values (they see the masked value)", () => {
  it("33. WHERE on the masked column compares masked values", async () => {
    expect(await ok("SELECT count(*) FROM main.sec.people WHERE ssn = '111-11-1111'")).toEqual([["0"]]);
    expect(await ok("SELECT count(*) FROM main.sec.people WHERE ssn LIKE '111%' OR name = 'Ann'")).toEqual([["0"]]);
  });
  it("34. ORDER BY and GROUP BY use masked values", async () => {
    expect(await ok("SELECT name, count(*) FROM main.sec.people GROUP BY name")).toEqual([["***", "2"]]);
    expect(await ok("SELECT ssn FROM main.sec.people ORDER BY name, ssn DESC")).toEqual([["***-**-2222"], ["***-**-1111"]]);
  });
  it("35. JOIN against guesses matches only masked text", async () => {
    expect(await ok("SELECT g.guess FROM main.sec.people p JOIN main.sec.guesses g ON p.ssn = g.guess")).toEqual([["***-**-1111"]]);
  });
  it("36. aggregates, lengths and hashes see masked values", async () => {
    expect(await ok("SELECT max(name), min(ssn), max(length(name)), md5(min(name)) = md5('***') FROM main.sec.people")).toEqual([["***", "***-**-1111", "3", "true"]]);
  });
  it("37. window functions count only visible rows", async () => {
    expect(await ok("SELECT count(*) OVER () FROM main.sec.people LIMIT 1")).toEqual([["2"]]);
  });
});

describe("identity and catalog tricks", () => {
  it("38. a look-alike is_account_group_member does not change how policies decide", async () => {
    await ok("CREATE FUNCTION main.sandbox.is_account_group_member(g STRING) RETURNS BOOLEAN RETURN true");
    expect(await ok("USE CATALOG main; USE SCHEMA sandbox; SELECT count(*) FROM sec.people")).toEqual([["2"]]);
    expect(await ok("SELECT is_account_group_member('global'), current_user()")).toEqual([["false", "mallory@example.com"]]);
  });
  it("39. a view or CTAS made by the attacker reads with the attacker's policies", async () => {
    await ok("CREATE VIEW main.sandbox.v AS SELECT * FROM main.sec.people");
    expect(await ok("SELECT * FROM main.sandbox.v ORDER BY id")).toEqual(VISIBLE);
    await ok("CREATE TABLE main.sandbox.copy AS SELECT * FROM main.sec.people");
    expect(await ok("SELECT * FROM main.sandbox.copy ORDER BY id")).toEqual(VISIBLE);
  });
  it("40. the attacker cannot drop or replace the policies", async () => {
    await refused("ALTER TABLE main.sec.people DROP ROW FILTER", "PERMISSION_DENIED");
    await refused("ALTER TABLE main.sec.people ALTER COLUMN ssn DROP MASK", "PERMISSION_DENIED");
    await refused("CREATE OR REPLACE FUNCTION main.sec.us_only(r STRING) RETURNS BOOLEAN RETURN true", "PERMISSION_DENIED");
    await refused("DROP FUNCTION main.sec.mask_ssn", "NOT_FOUND");
  });
  it("41. a second statement in the script is checked on its own", async () => {
    await refused("SELECT 1; DROP TABLE main.sec.people", "PERMISSION_DENIED");
    expect((await t.admin.get(uc("/tables/main.sec.people"))).status).toBe(200);
  });
  it("42. time travel and other unsupported read forms are refused, not run without policies", async () => {
    await refused("SELECT * FROM main.sec.people VERSION AS OF 0", "BAD_REQUEST");
    await refused("SELECT * FROM main.sec.people TIMESTAMP AS OF '2020-01-01'", "BAD_REQUEST");
  });
  it("43. writing to the policed table is refused without MODIFY, and the audit row says what was read", async () => {
    await refused("INSERT INTO main.sec.people SELECT * FROM main.sec.people", "PERMISSION_DENIED");
    const res = await sql(attacker, "SELECT count(*) FROM main.sec.people");
    const rows = await t.services.db.execute(`select details from audit_log where action_name = 'executeStatement' and request_params->>'statement_id' = '${res.body.statement_id}'`);
    const details = ((rows as unknown as { rows?: { details: { engine: unknown[] } }[] }).rows ?? (rows as unknown as { details: { engine: unknown[] } }[]))[0]!.details;
    expect(details.engine).toEqual([expect.objectContaining({ statement: "QUERY", principal: "mallory@example.com", tables_read: ["main.sec.people"], policies_applied: true, outcome: "success" })]);
  });
});

describe("tables that point at other tables' files", () => {
  /** Writes a Delta log (as anyone with write access to the storage could) listing `paths`. */
  function forgeTable(dir: string, paths: string[]): void {
    mkdirSync(join(dir, "_delta_log"), { recursive: true });
    const schema = JSON.stringify({ type: "struct", fields: ["id", "region", "name", "ssn", "note"].map((n) => ({ name: n, type: n === "id" ? "long" : "string", nullable: true, metadata: {} })) });
    const v0 = [{ protocol: { minReaderVersion: 1, minWriterVersion: 2 } }, { metaData: { id: crypto.randomUUID(), format: { provider: "parquet", options: {} }, schemaString: schema, partitionColumns: [], configuration: {}, createdTime: 1 } }];
    writeFileSync(join(dir, "_delta_log", "00000000000000000000.json"), v0.map((a) => JSON.stringify(a)).join("\n") + "\n");
    const v1 = paths.map((path) => ({ add: { path, partitionValues: {}, size: 1, modificationTime: 1, dataChange: true } }));
    writeFileSync(join(dir, "_delta_log", "00000000000000000001.json"), v1.map((a) => JSON.stringify(a)).join("\n") + "\n");
  }

  it("44. an external table whose log lists the policed table's files (absolute or ../) is refused", async () => {
    const root = mkdtempSync(join(tmpdir(), "lakeward-forge-"));
    expect((await sql(t.admin, `CREATE STORAGE CREDENTIAL forge_cred WITH (AWS_IAM_ROLE 'arn:aws:iam::123456789012:role/forge');
      CREATE EXTERNAL LOCATION forge_loc URL 'file://${root}' WITH (STORAGE CREDENTIAL forge_cred);
      GRANT CREATE EXTERNAL TABLE ON EXTERNAL LOCATION forge_loc TO \`mallory@example.com\``)).body.status.state).toBe("SUCCEEDED");
    const victim = readdirSync(storage).find((f) => f.endsWith(".parquet"))!;
    forgeTable(join(root, "abs"), [`file://${join(storage, victim)}`]);
    forgeTable(join(root, "rel"), [relative(join(root, "rel"), join(storage, victim))]);
    for (const name of ["abs", "rel"]) {
      await ok(`CREATE TABLE main.sandbox.${name} LOCATION 'file://${join(root, name)}'`);
      await refused(`SELECT * FROM main.sandbox.${name}`, /outside its own location/);
    }
  });
  it("45. a view redefined to read itself fails instead of looping", async () => {
    await ok("CREATE VIEW main.sandbox.selfish AS SELECT 1 AS x");
    await ok("CREATE OR REPLACE VIEW main.sandbox.selfish AS SELECT * FROM main.sandbox.selfish");
    await refused("SELECT * FROM main.sandbox.selfish", /refers to itself/);
  });
});
