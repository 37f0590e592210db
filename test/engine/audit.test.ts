import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql as dsql } from "drizzle-orm";
import { startTestApp, type TestApp } from "../support/app";
import { uc } from "../support/client";
import { auditLog } from "../../schema/index";
import type { EngineAuditRecord } from "../../src/engine/audit";
import { rows, sql } from "./helpers";

/**
 * The executeStatement audit row of engine statements (issue 6 §7): per statement the
 * principal, tables and views read, tables written, functions called, the row filters and
 * column masks applied, and the outcome — for SELECT, INSERT, CTAS and EXPLAIN, each
 * succeeding, denied and failing.
 *
 * main.s.orders has row filter us_only(region) and mask mask_ssn on ssn; main.s.plain has none.
 * ann may read both (and the view big), write main.s.sink and create tables; bob holds only
 * MODIFY on orders, so orders is visible to him but not readable.
 */
let t: TestApp;
type User = Awaited<ReturnType<TestApp["user"]>>;
let ann: User;
let bob: User;

const FILTER = { table: "main.s.orders", function: "main.s.us_only" };
const MASK = { table: "main.s.orders", column: "ssn", function: "main.s.mask_ssn" };

beforeAll(async () => {
  t = await startTestApp();
  ann = await t.user("ann@example.com");
  bob = await t.user("bob@example.com");
  await rows(t.admin, `CREATE CATALOG main; CREATE SCHEMA main.s; USE CATALOG main; USE SCHEMA s;
    CREATE TABLE orders (id BIGINT, region STRING, ssn STRING, amount INT);
    INSERT INTO orders VALUES (1, 'US', '111-11-1111', 10), (2, 'EU', '222-22-2222', 20), (3, 'US', '333-33-3333', 30);
    CREATE TABLE plain (x INT);
    INSERT INTO plain VALUES (1), (2);
    CREATE TABLE sink (id BIGINT NOT NULL, ssn STRING);
    CREATE FUNCTION us_only(r STRING) RETURNS BOOLEAN RETURN r = 'US';
    CREATE FUNCTION mask_ssn(v STRING) RETURNS STRING RETURN '***-**-' || right(v, 4);
    CREATE FUNCTION plus1(x INT) RETURNS INT RETURN x + 1;
    ALTER TABLE orders SET ROW FILTER us_only ON (region);
    ALTER TABLE orders ALTER COLUMN ssn SET MASK mask_ssn;
    CREATE VIEW big AS SELECT id, ssn FROM orders WHERE amount > 15;
    GRANT USE CATALOG ON CATALOG main TO \`account users\`;
    GRANT USE SCHEMA ON SCHEMA main.s TO \`account users\`;
    GRANT SELECT ON TABLE orders TO \`ann@example.com\`;
    GRANT SELECT ON TABLE plain TO \`ann@example.com\`, \`bob@example.com\`;
    GRANT SELECT ON VIEW big TO \`ann@example.com\`;
    GRANT MODIFY, SELECT ON TABLE sink TO \`ann@example.com\`;
    GRANT EXECUTE ON FUNCTION plus1 TO \`ann@example.com\`;
    GRANT CREATE TABLE ON SCHEMA main.s TO \`ann@example.com\`;
    GRANT MODIFY ON TABLE orders TO \`bob@example.com\``);
}, 120_000);
afterAll(() => t.close());

/** Runs one statement and returns its executeStatement audit row. */
async function audited(client: User, statement: string) {
  const res = await sql(client, statement);
  const id = res.body.statement_id as string;
  const [row] = await t.services.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.actionName, "executeStatement"), dsql`${auditLog.requestParams}->>'statement_id' = ${id}`));
  expect(row, `audit row of ${statement}`).toBeDefined();
  const engine = (row!.details as { engine?: EngineAuditRecord[] }).engine ?? [];
  return { res, row: row!, engine };
}

/** The record every engine statement starts from; each test states what differs. */
const base = (principal: string, statement: string): EngineAuditRecord => ({
  statement, principal, tables_read: [], views_read: [], tables_written: [], functions: [],
  row_filters: [], column_masks: [], policies_applied: false, outcome: "success",
});

describe("SELECT", () => {
  it("records the tables read, the filter and mask applied by name, the functions called and success", async () => {
    const { res, row, engine } = await audited(ann, "SELECT o.id, o.ssn, main.s.plus1(p.x) FROM main.s.orders o JOIN main.s.plain p ON o.id = p.x");
    expect(res.body.result.data_array).toEqual([["1", "***-**-1111", "2"]]);
    expect(row.outcome).toBe("success");
    expect(row.principalName).toBe("ann@example.com");
    expect(engine).toHaveLength(1);
    expect({ ...engine[0], tables_read: [...engine[0]!.tables_read].sort() }).toEqual({
      ...base("ann@example.com", "QUERY"), tables_read: ["main.s.orders", "main.s.plain"], functions: ["main.s.plus1"],
      row_filters: [FILTER], column_masks: [MASK], policies_applied: true,
    });
  });
  it("a query of a table without policies records empty lists and policies_applied false", async () => {
    const { engine } = await audited(ann, "SELECT count(*) FROM main.s.plain");
    expect(engine).toEqual([{ ...base("ann@example.com", "QUERY"), tables_read: ["main.s.plain"] }]);
  });
  it("a view read records the view, the table under it and that table's policies", async () => {
    const { res, engine } = await audited(ann, "SELECT * FROM main.s.big");
    expect(res.body.result.data_array).toEqual([["3", "***-**-3333"]]);
    expect(engine).toEqual([{
      ...base("ann@example.com", "QUERY"), views_read: ["main.s.big"], tables_read: ["main.s.orders"],
      row_filters: [FILTER], column_masks: [MASK], policies_applied: true,
    }]);
  });
  it("a denied query is audited as denied, keeping the tables planned before the refusal", async () => {
    const { res, row, engine } = await audited(bob, "SELECT * FROM main.s.plain p JOIN main.s.orders o ON p.x = o.id");
    expect(res.body.status.error.error_code).toBe("PERMISSION_DENIED");
    expect(row.outcome).toBe("denied");
    expect(engine).toEqual([{ ...base("bob@example.com", "QUERY"), tables_read: ["main.s.plain"], outcome: "denied", error_code: "PERMISSION_DENIED" }]);
  });
  it("a failing query is audited as failed with its error code and the policies it had applied", async () => {
    const { row, engine } = await audited(ann, "SELECT CAST(region AS INT) FROM main.s.orders");
    expect(row.outcome).toBe("failed");
    expect(engine).toEqual([{
      ...base("ann@example.com", "QUERY"), tables_read: ["main.s.orders"], row_filters: [FILTER], column_masks: [MASK],
      policies_applied: true, outcome: "failed", error_code: "INVALID_ARGUMENT",
    }]);
  });
});

describe("INSERT", () => {
  it("INSERT ... SELECT records the source read, its policies, the target written and success", async () => {
    const { res, row, engine } = await audited(ann, "INSERT INTO main.s.sink SELECT id, ssn FROM main.s.orders");
    expect(res.body.result.data_array).toEqual([["2", "2"]]);
    expect(row.outcome).toBe("success");
    expect(engine).toEqual([{
      ...base("ann@example.com", "INSERT"), tables_read: ["main.s.orders"], tables_written: ["main.s.sink"],
      row_filters: [FILTER], column_masks: [MASK], policies_applied: true,
    }]);
  });
  it("INSERT ... VALUES reads nothing and applies no policy", async () => {
    const { engine } = await audited(ann, "INSERT INTO main.s.sink VALUES (9, 'x')");
    expect(engine).toEqual([{ ...base("ann@example.com", "INSERT"), tables_written: ["main.s.sink"] }]);
  });
  it("an INSERT without SELECT on the source is denied; the attempted target is recorded", async () => {
    const { row, engine } = await audited(bob, "INSERT INTO main.s.orders SELECT * FROM main.s.orders");
    expect(row.outcome).toBe("denied");
    expect(engine).toEqual([{ ...base("bob@example.com", "INSERT"), tables_written: ["main.s.orders"], outcome: "denied", error_code: "PERMISSION_DENIED" }]);
    expect(await rows(t.admin, "SELECT count(*) FROM main.s.orders")).toEqual([["2"]]);
  });
  it("an INSERT violating NOT NULL fails and is audited as failed", async () => {
    const { row, engine } = await audited(ann, "INSERT INTO main.s.sink SELECT NULL, ssn FROM main.s.orders");
    expect(row.outcome).toBe("failed");
    expect(engine).toEqual([{
      ...base("ann@example.com", "INSERT"), tables_read: ["main.s.orders"], tables_written: ["main.s.sink"],
      row_filters: [FILTER], column_masks: [MASK], policies_applied: true, outcome: "failed", error_code: "INVALID_ARGUMENT",
    }]);
  });
});

describe("CREATE TABLE AS SELECT", () => {
  it("records the source, its policies, the new table written and success", async () => {
    const { row, engine } = await audited(ann, "CREATE TABLE main.s.copy AS SELECT id, ssn FROM main.s.orders");
    expect(row.outcome).toBe("success");
    expect(engine).toEqual([{
      ...base("ann@example.com", "CREATE TABLE AS SELECT"), tables_read: ["main.s.orders"], tables_written: ["main.s.copy"],
      row_filters: [FILTER], column_masks: [MASK], policies_applied: true,
    }]);
  });
  it("a CTAS without CREATE TABLE is denied after planning, and leaves no table", async () => {
    const { row, engine } = await audited(bob, "CREATE TABLE main.s.bob_copy AS SELECT * FROM main.s.plain");
    expect(row.outcome).toBe("denied");
    expect(engine).toEqual([{
      ...base("bob@example.com", "CREATE TABLE AS SELECT"), tables_read: ["main.s.plain"], tables_written: ["main.s.bob_copy"],
      outcome: "denied", error_code: "PERMISSION_DENIED",
    }]);
    expect((await t.admin.get(uc("/tables/main.s.bob_copy"))).status).toBe(404);
  });
  it("a CTAS whose query fails is audited as failed", async () => {
    const { row, engine } = await audited(ann, "CREATE TABLE main.s.broken AS SELECT CAST(ssn AS INT) AS n FROM main.s.orders");
    expect(row.outcome).toBe("failed");
    expect(engine).toEqual([{
      ...base("ann@example.com", "CREATE TABLE AS SELECT"), tables_read: ["main.s.orders"], tables_written: ["main.s.broken"],
      row_filters: [FILTER], column_masks: [MASK], policies_applied: true, outcome: "failed", error_code: "INVALID_ARGUMENT",
    }]);
  });
});

describe("EXPLAIN", () => {
  it("EXPLAIN SELECT records what running it would read and apply, and writes nothing", async () => {
    const { row, engine } = await audited(ann, "EXPLAIN SELECT * FROM main.s.orders");
    expect(row.outcome).toBe("success");
    expect(engine).toEqual([{
      ...base("ann@example.com", "EXPLAIN"), tables_read: ["main.s.orders"], row_filters: [FILTER], column_masks: [MASK], policies_applied: true,
    }]);
  });
  it("EXPLAIN INSERT records the source and its policies but no table written (nothing is)", async () => {
    const before = await rows(ann, "SELECT count(*) FROM main.s.sink");
    const { row, engine } = await audited(ann, "EXPLAIN INSERT INTO main.s.sink SELECT id, ssn FROM main.s.orders");
    expect(row.outcome).toBe("success");
    expect(engine).toEqual([{
      ...base("ann@example.com", "EXPLAIN"), tables_read: ["main.s.orders"], row_filters: [FILTER], column_masks: [MASK], policies_applied: true,
    }]);
    expect(await rows(ann, "SELECT count(*) FROM main.s.sink")).toEqual(before);
  });
  it("a denied EXPLAIN is audited as denied", async () => {
    const { row, engine } = await audited(bob, "EXPLAIN SELECT * FROM main.s.orders");
    expect(row.outcome).toBe("denied");
    expect(engine).toEqual([{ ...base("bob@example.com", "EXPLAIN"), outcome: "denied", error_code: "PERMISSION_DENIED" }]);
  });
  it("a failing EXPLAIN is audited as failed", async () => {
    const { row, engine } = await audited(ann, "EXPLAIN SELECT nope FROM main.s.plain");
    expect(row.outcome).toBe("failed");
    expect(engine).toEqual([{ ...base("ann@example.com", "EXPLAIN"), tables_read: ["main.s.plain"], outcome: "failed", error_code: "INVALID_ARGUMENT" }]);
  });
});

describe("scripts", () => {
  it("a script records one entry per engine statement, in order, up to the one that failed", async () => {
    const { row, engine } = await audited(ann, "USE CATALOG main; SELECT 1 FROM s.plain LIMIT 1; INSERT INTO s.sink VALUES (7, 'y'); SELECT * FROM s.missing; SELECT 2");
    // A table that does not exist is a failure, not a denial.
    expect(row.outcome).toBe("failed");
    expect(engine.map((e) => [e.statement, e.outcome, e.error_code, e.tables_read, e.tables_written])).toEqual([
      ["QUERY", "success", undefined, ["main.s.plain"], []],
      ["INSERT", "success", undefined, [], ["main.s.sink"]],
      ["QUERY", "failed", "TABLE_NOT_FOUND", [], []],
    ]);
  });
  it("a table hidden from the caller answers not-found but is audited as a denial", async () => {
    await rows(t.admin, "CREATE TABLE main.s.hidden (x INT)");
    const { res, engine } = await audited(ann, "SELECT * FROM main.s.hidden");
    expect(res.body.status.error.message).toMatch(/^\[TABLE_OR_VIEW_NOT_FOUND\]/);
    expect(engine).toEqual([{ ...base("ann@example.com", "QUERY"), outcome: "denied", error_code: "TABLE_NOT_FOUND" }]);
  });
});
