import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app";
import type { ApiClient } from "../support/client";
import { uc } from "../support/client";
import { failure, rows, sorted } from "./helpers";

/**
 * Row filters and column masks per principal (issue 6 §4): the table owner (in no group), a
 * member of the groups the functions exempt, and an outsider, over every query shape.
 *
 * main.sales.orders: filter us_only(region) keeps US rows unless the reader is in `global`;
 * mask mask_ssn(ssn) shows the last four digits unless the reader is in `hr`.
 */
let t: TestApp;
type User = Awaited<ReturnType<TestApp["user"]>>;
let owner: User;
let member: User;
let outsider: User;
let viewer: User;

const ALL = [
  ["1", "US", "c1", "111-11-1111", "10.00"],
  ["2", "EU", "c2", "222-22-2222", "20.00"],
  ["3", "US", "c2", "333-33-3333", "30.00"],
  ["4", "APAC", "c3", "444-44-4444", "40.00"],
];
const US_MASKED = [
  ["1", "US", "c1", "***-**-1111", "10.00"],
  ["3", "US", "c2", "***-**-3333", "30.00"],
];

beforeAll(async () => {
  t = await startTestApp();
  owner = await t.user("owner@example.com");
  member = await t.user("member@example.com");
  outsider = await t.user("outsider@example.com");
  viewer = await t.user("viewer@example.com");
  await t.group("global", [member.principalId]);
  await t.group("hr", [member.principalId]);
  await rows(t.admin, `CREATE CATALOG main; CREATE SCHEMA main.sales;
    GRANT USE CATALOG ON CATALOG main TO \`account users\`;
    GRANT USE SCHEMA ON SCHEMA main.sales TO \`account users\`;
    GRANT CREATE TABLE, CREATE FUNCTION ON SCHEMA main.sales TO \`owner@example.com\`;
    GRANT CREATE TABLE ON SCHEMA main.sales TO \`member@example.com\`;
    GRANT CREATE TABLE ON SCHEMA main.sales TO \`outsider@example.com\``);
  await rows(owner, `USE CATALOG main; USE SCHEMA sales;
    CREATE TABLE orders (id BIGINT, region STRING, customer STRING, ssn STRING, amount DECIMAL(10,2));
    INSERT INTO orders VALUES (1, 'US', 'c1', '111-11-1111', 10), (2, 'EU', 'c2', '222-22-2222', 20), (3, 'US', 'c2', '333-33-3333', 30), (4, 'APAC', 'c3', '444-44-4444', 40);
    CREATE TABLE customers (customer STRING, name STRING);
    INSERT INTO customers VALUES ('c1', 'Ada'), ('c2', 'Bo'), ('c3', 'Cy');
    CREATE FUNCTION us_only(r STRING) RETURNS BOOLEAN RETURN IF(is_account_group_member('global'), true, r = 'US');
    CREATE FUNCTION mask_ssn(s STRING) RETURNS STRING RETURN CASE WHEN is_account_group_member('hr') THEN s ELSE '***-**-' || right(s, 4) END;
    ALTER TABLE orders SET ROW FILTER us_only ON (region);
    ALTER TABLE orders ALTER COLUMN ssn SET MASK mask_ssn;
    GRANT SELECT ON TABLE orders TO \`member@example.com\`;
    GRANT SELECT ON TABLE orders TO \`outsider@example.com\`;
    GRANT SELECT ON TABLE customers TO \`account users\`;
    CREATE VIEW big_orders AS SELECT id, region, ssn FROM orders WHERE amount > 15;
    GRANT SELECT ON VIEW big_orders TO \`viewer@example.com\`, \`member@example.com\`, \`outsider@example.com\``);
}, 120_000);
afterAll(() => t.close());

const q = (c: ApiClient, s: string) => rows(c, `USE CATALOG main; USE SCHEMA sales; ${s}`);

describe("filters and masks are stored and shown", () => {
  it("TableInfo carries the row filter and the column mask", async () => {
    const info = (await owner.get(uc("/tables/main.sales.orders"))).body;
    expect(info.row_filter).toEqual({ function_name: "main.sales.us_only", input_column_names: ["region"] });
    expect(info.columns.find((c: { name: string }) => c.name === "ssn").mask).toEqual({ function_name: "main.sales.mask_ssn", using_column_names: [] });
  });
});

describe("direct reads per principal", () => {
  it("the owner is filtered and masked like anyone (exemptions live in the functions)", async () => {
    expect(await q(owner, "SELECT * FROM orders ORDER BY id")).toEqual(US_MASKED);
  });
  it("a member of the exempt groups sees every row in clear", async () => {
    expect(await q(member, "SELECT * FROM orders ORDER BY id")).toEqual(ALL);
  });
  it("an outsider sees US rows, masked", async () => {
    expect(await q(outsider, "SELECT * FROM main.sales.orders ORDER BY id")).toEqual(US_MASKED);
  });
  it("without SELECT the table is refused; without any privilege on it, it is not even there", async () => {
    const writer = await t.user("writer@example.com");
    await rows(owner, "GRANT MODIFY ON TABLE main.sales.orders TO `writer@example.com`");
    expect((await failure(writer, "SELECT * FROM main.sales.orders")).message).toMatch(/^\[INSUFFICIENT_PERMISSIONS\].*SELECT/);
    expect((await failure(viewer, "SELECT * FROM main.sales.orders")).message).toMatch(/^\[TABLE_OR_VIEW_NOT_FOUND\]/);
    const stranger = await t.user("stranger@example.com");
    await rows(t.admin, "REVOKE USE SCHEMA ON SCHEMA main.sales FROM `account users`; GRANT USE SCHEMA ON SCHEMA main.sales TO `member@example.com`, `outsider@example.com`, `owner@example.com`, `viewer@example.com`");
    expect((await failure(stranger, "SELECT * FROM main.sales.orders")).message).toMatch(/^\[TABLE_OR_VIEW_NOT_FOUND\]/);
  });
});

describe("query shapes", () => {
  const cases: [string, string, (string | null)[][], (string | null)[][]][] = [
    ["aggregate", "SELECT region, count(*), sum(amount) FROM orders GROUP BY region ORDER BY region",
      [["US", "2", "40.00"]], [["APAC", "1", "40.00"], ["EU", "1", "20.00"], ["US", "2", "40.00"]]],
    ["join", "SELECT o.id, c.name, o.ssn FROM orders o JOIN customers c ON o.customer = c.customer ORDER BY o.id",
      [["1", "Ada", "***-**-1111"], ["3", "Bo", "***-**-3333"]], [["1", "Ada", "111-11-1111"], ["2", "Bo", "222-22-2222"], ["3", "Bo", "333-33-3333"], ["4", "Cy", "444-44-4444"]]],
    ["CTE", "WITH o AS (SELECT id, ssn FROM orders) SELECT id, ssn FROM o ORDER BY id",
      [["1", "***-**-1111"], ["3", "***-**-3333"]], ALL.map((r) => [r[0]!, r[3]!])],
    ["subquery in FROM", "SELECT n FROM (SELECT count(*) AS n FROM orders) s", [["2"]], [["4"]]],
    ["IN subquery", "SELECT name FROM customers WHERE customer IN (SELECT customer FROM orders WHERE id > 1) ORDER BY name",
      [["Bo"]], [["Bo"], ["Cy"]]],
    ["correlated scalar subquery", "SELECT name, (SELECT count(*) FROM orders o WHERE o.customer = c.customer) FROM customers c ORDER BY name",
      [["Ada", "1"], ["Bo", "1"], ["Cy", "0"]], [["Ada", "1"], ["Bo", "2"], ["Cy", "1"]]],
    ["scalar subquery over a masked column, in SELECT and WHERE", "SELECT (SELECT max(ssn) FROM orders), (SELECT sum(amount) FROM orders) FROM customers WHERE customer = (SELECT max(customer) FROM orders)",
      [["***-**-3333", "40.00"]], [["444-44-4444", "100.00"]]],
    ["scalar subquery comparing with a masked value", "SELECT name FROM customers c WHERE (SELECT min(ssn) FROM orders o WHERE o.customer = c.customer) LIKE '***%' ORDER BY name",
      [["Ada"], ["Bo"]], []],
    ["EXISTS", "SELECT name FROM customers c WHERE EXISTS (SELECT 1 FROM orders o WHERE o.customer = c.customer AND o.region = 'APAC')", [], [["Cy"]]],
    ["UNION", "SELECT ssn FROM orders WHERE id < 3 UNION ALL SELECT ssn FROM orders WHERE id >= 3 ORDER BY 1",
      [["***-**-1111"], ["***-**-3333"]], [["111-11-1111"], ["222-22-2222"], ["333-33-3333"], ["444-44-4444"]]],
    ["window", "SELECT id, rank() OVER (ORDER BY amount DESC) FROM orders ORDER BY id", [["1", "2"], ["3", "1"]], [["1", "4"], ["2", "3"], ["3", "2"], ["4", "1"]]],
    ["view (owner's rights, reader's identity)", "SELECT * FROM big_orders ORDER BY id", [["3", "US", "***-**-3333"]], [["2", "EU", "222-22-2222"], ["3", "US", "333-33-3333"], ["4", "APAC", "444-44-4444"]]],
  ];
  for (const [name, query, outsiderRows, memberRows] of cases) {
    it(`${name}: outsider and owner get the filtered, masked answer; the member the full one`, async () => {
      expect(await q(outsider, query)).toEqual(outsiderRows);
      expect(await q(owner, query)).toEqual(outsiderRows);
      expect(await q(member, query)).toEqual(memberRows);
    });
  }
});

describe("views", () => {
  it("a reader with SELECT on the view only reads through it, with its own identity", async () => {
    expect(await q(viewer, "SELECT * FROM big_orders ORDER BY id")).toEqual([["3", "US", "***-**-3333"]]);
    expect((await failure(viewer, "SELECT * FROM main.sales.orders")).message).toMatch(/^\[TABLE_OR_VIEW_NOT_FOUND\]/);
  });
  it("a reader without SELECT on the view is refused (the view is invisible to it)", async () => {
    const other = await t.user("other@example.com");
    await rows(t.admin, "GRANT USE SCHEMA ON SCHEMA main.sales TO `other@example.com`");
    expect((await failure(other, "SELECT * FROM main.sales.big_orders")).message).toMatch(/^\[TABLE_OR_VIEW_NOT_FOUND\]/);
  });
  it("when the view owner loses SELECT on the table, the view stops working for everyone", async () => {
    await rows(owner, "CREATE TABLE main.sales.tmp_src (x INT); INSERT INTO main.sales.tmp_src VALUES (1); CREATE VIEW main.sales.tmp_v AS SELECT x FROM main.sales.tmp_src; GRANT SELECT ON VIEW main.sales.tmp_v TO `viewer@example.com`");
    expect(await rows(viewer, "SELECT * FROM main.sales.tmp_v")).toEqual([["1"]]);
    await rows(t.admin, "ALTER TABLE main.sales.tmp_src OWNER TO `member@example.com`");
    const err = await failure(viewer, "SELECT * FROM main.sales.tmp_v");
    expect([err.error_code, err.message]).toEqual(["PERMISSION_DENIED", expect.stringContaining("owner of view main.sales.tmp_v")]);
    expect(err.message).not.toContain("tmp_src");
  });
});

describe("writes carry what the writer may see", () => {
  it("CTAS materializes the filtered, masked rows for an outsider and all rows for a member", async () => {
    await q(outsider, "CREATE TABLE out_copy AS SELECT * FROM orders");
    await q(member, "CREATE TABLE member_copy AS SELECT * FROM orders");
    expect(await q(outsider, "SELECT * FROM out_copy ORDER BY id")).toEqual(US_MASKED);
    expect(await q(member, "SELECT * FROM member_copy ORDER BY id")).toEqual(ALL);
  });
  it("INSERT ... SELECT writes only what the writer sees", async () => {
    await q(outsider, "CREATE TABLE out_log (id BIGINT, ssn STRING); INSERT INTO out_log SELECT id, ssn FROM orders");
    expect(sorted(await q(outsider, "SELECT * FROM out_log"))).toEqual([["1", "***-**-1111"], ["3", "***-**-3333"]]);
  });
  it("CTAS by the owner materializes the filtered, masked rows: ownership exempts nothing", async () => {
    expect(await q(owner, "CREATE TABLE owner_copy AS SELECT * FROM orders")).toEqual([["2", "2"]]);
    expect(await q(owner, "SELECT * FROM owner_copy ORDER BY id")).toEqual(US_MASKED);
    // The copy has no policies: a member of the exempt groups reads exactly what was stored,
    // so the masked values were written, not re-masked on read.
    await q(owner, "GRANT SELECT ON TABLE owner_copy TO `member@example.com`");
    expect(await q(member, "SELECT * FROM owner_copy ORDER BY id")).toEqual(US_MASKED);
  });
  it("INSERT ... SELECT by the owner writes the filtered, masked rows", async () => {
    await q(owner, "CREATE TABLE owner_log (id BIGINT, region STRING, ssn STRING)");
    expect(await q(owner, "INSERT INTO owner_log SELECT id, region, ssn FROM orders")).toEqual([["2", "2"]]);
    await q(owner, "GRANT SELECT ON TABLE owner_log TO `member@example.com`");
    expect(await q(member, "SELECT * FROM owner_log ORDER BY id")).toEqual([["1", "US", "***-**-1111"], ["3", "US", "***-**-3333"]]);
  });
  it("INSERT ... SELECT by the exempt member writes every row in clear, and only those", async () => {
    await q(member, "CREATE TABLE member_log (id BIGINT, region STRING, ssn STRING)");
    expect(await q(member, "INSERT INTO member_log SELECT id, region, ssn FROM orders")).toEqual([["4", "4"]]);
    const expected = ALL.map((r) => [r[0]!, r[1]!, r[3]!]);
    expect(await q(member, "SELECT * FROM member_log ORDER BY id")).toEqual(expected);
    // A filtered INSERT ... SELECT through a join and an aggregate writes what the member sees of it.
    await q(member, "CREATE TABLE member_totals (name STRING, total DECIMAL(10,2))");
    await q(member, "INSERT INTO member_totals SELECT c.name, sum(o.amount) FROM orders o JOIN customers c ON o.customer = c.customer GROUP BY c.name");
    expect(await q(member, "SELECT * FROM member_totals ORDER BY name")).toEqual([["Ada", "10.00"], ["Bo", "50.00"], ["Cy", "40.00"]]);
  });
  it("the same INSERT ... SELECT by the outsider into the member's table lands only the outsider's view", async () => {
    await q(member, "GRANT MODIFY, SELECT ON TABLE member_totals TO `outsider@example.com`");
    await q(outsider, "INSERT INTO member_totals SELECT concat('out:', c.name), sum(o.amount) FROM orders o JOIN customers c ON o.customer = c.customer GROUP BY c.name");
    expect(await q(member, "SELECT * FROM member_totals WHERE name LIKE 'out:%' ORDER BY name")).toEqual([["out:Ada", "10.00"], ["out:Bo", "30.00"]]);
  });
  it("INSERT needs MODIFY; CTAS needs CREATE TABLE", async () => {
    expect((await failure(outsider, "INSERT INTO main.sales.customers VALUES ('c9', 'Zed')")).error_code).toBe("PERMISSION_DENIED");
    expect((await failure(viewer, "CREATE TABLE main.sales.v_copy AS SELECT * FROM main.sales.big_orders")).error_code).toBe("PERMISSION_DENIED");
    expect((await owner.get(uc("/tables/main.sales.v_copy"))).status).toBe(404);
  });
});

describe("managing filters and masks", () => {
  it("only the owner (or MANAGE) may set them, and only with EXECUTE on the function", async () => {
    const denied = await failure(member, "ALTER TABLE main.sales.orders DROP ROW FILTER");
    expect(denied.error_code).toBe("PERMISSION_DENIED");
    await rows(owner, "CREATE TABLE main.sales.mine (id INT, region STRING)");
    await rows(t.admin, "GRANT MANAGE ON TABLE main.sales.mine TO `member@example.com`");
    // Without EXECUTE (and no other privilege) the function is invisible: not found.
    const noExecute = await failure(member, "ALTER TABLE main.sales.mine SET ROW FILTER main.sales.us_only ON (region)");
    expect(noExecute.error_code).toBe("NOT_FOUND");
    expect((await member.get(uc("/tables/main.sales.mine"))).body.row_filter).toBeNull();
    await rows(owner, "GRANT EXECUTE ON FUNCTION main.sales.us_only TO `member@example.com`");
    await rows(member, "ALTER TABLE main.sales.mine SET ROW FILTER main.sales.us_only ON (region)");
    expect((await member.get(uc("/tables/main.sales.mine"))).body.row_filter.function_name).toBe("main.sales.us_only");
  });
  it("rejects functions of the wrong shape", async () => {
    expect((await failure(owner, "ALTER TABLE main.sales.mine SET ROW FILTER main.sales.mask_ssn ON (region)")).message).toContain("must return BOOLEAN");
    expect((await failure(owner, "ALTER TABLE main.sales.mine ALTER COLUMN id SET MASK main.sales.mask_ssn")).message).toContain("returns STRING");
    expect((await failure(owner, "ALTER TABLE main.sales.mine SET ROW FILTER main.sales.us_only ON (region, id)")).message).toContain("takes 1 arguments");
  });
  it("CREATE TABLE ... MASK ... WITH ROW FILTER sets both at creation, atomically with the table", async () => {
    await rows(owner, `CREATE TABLE main.sales.born (id BIGINT, region STRING, ssn STRING MASK main.sales.mask_ssn) WITH ROW FILTER main.sales.us_only ON (region);
      INSERT INTO main.sales.born VALUES (1, 'US', '123-45-6789'), (2, 'EU', '987-65-4321')`);
    expect(await rows(owner, "SELECT * FROM main.sales.born")).toEqual([["1", "US", "***-**-6789"]]);
    await rows(owner, "GRANT SELECT ON TABLE main.sales.born TO `member@example.com`");
    expect(sorted(await rows(member, "SELECT * FROM main.sales.born"))).toEqual([["1", "US", "123-45-6789"], ["2", "EU", "987-65-4321"]]);
    expect((await failure(outsider, "CREATE TABLE main.sales.nope (r STRING) WITH ROW FILTER main.sales.us_only ON (r)")).error_code).toBe("NOT_FOUND");
    expect((await failure(viewer, "CREATE TABLE main.sales.nope (r STRING MASK main.sales.mask_ssn)")).error_code).toBe("NOT_FOUND");
    expect((await owner.get(uc("/tables/main.sales.nope"))).status).toBe(404);
  });
  it("dropping them takes effect on the next query; a dropped filter function fails closed", async () => {
    await rows(owner, "CREATE FUNCTION main.sales.no_rows(r STRING) RETURNS BOOLEAN RETURN false; CREATE TABLE main.sales.gone (r STRING); INSERT INTO main.sales.gone VALUES ('x'); ALTER TABLE main.sales.gone SET ROW FILTER main.sales.no_rows ON (r)");
    expect(await rows(owner, "SELECT * FROM main.sales.gone")).toEqual([]);
    await rows(owner, "DROP FUNCTION main.sales.no_rows");
    expect((await failure(owner, "SELECT * FROM main.sales.gone")).message).toContain("cannot be read");
    await rows(owner, "ALTER TABLE main.sales.gone DROP ROW FILTER");
    expect(await rows(owner, "SELECT * FROM main.sales.gone")).toEqual([["x"]]);
  });
});
