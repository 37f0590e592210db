import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql as dsql } from "drizzle-orm";
import { startTestApp, type TestApp } from "../support/app";
import { uc } from "../support/client";
import { auditLog, columnLineage, tableLineage } from "../../schema/index";
import { failure, rows, sql } from "./helpers";

/**
 * Lineage of writes (issue 6 §6): table and column edges for CTAS and INSERT ... SELECT, each
 * carrying the statement id, request id and the principal that ran the statement, with the
 * securable ids of both ends. Statements that write nothing record nothing.
 *
 * ann (not an admin) reads main.s.emp and main.s.dept and the view main.s.eng, creates tables
 * in main.s and writes main.s.sink.
 */
let t: TestApp;
let ann: Awaited<ReturnType<TestApp["user"]>>;
const id = async (fullName: string) => (await t.admin.get(uc(`/tables/${fullName}`))).body.table_id as string;

beforeAll(async () => {
  t = await startTestApp();
  ann = await t.user("ann@example.com");
  await rows(t.admin, `CREATE CATALOG main; CREATE SCHEMA main.s; USE CATALOG main; USE SCHEMA s;
    CREATE TABLE emp (id BIGINT, dept STRING, salary INT);
    INSERT INTO emp VALUES (1, 'eng', 100), (2, 'ops', 200);
    CREATE TABLE dept (name STRING, floor INT);
    INSERT INTO dept VALUES ('eng', 3), ('ops', 1);
    CREATE VIEW eng AS SELECT id, salary FROM emp WHERE dept = 'eng';
    CREATE TABLE sink (floor INT, pay INT, who STRING);
    GRANT USE CATALOG ON CATALOG main TO \`ann@example.com\`;
    GRANT USE SCHEMA, CREATE TABLE ON SCHEMA main.s TO \`ann@example.com\`;
    GRANT SELECT ON TABLE emp TO \`ann@example.com\`;
    GRANT SELECT ON TABLE dept TO \`ann@example.com\`;
    GRANT SELECT ON VIEW eng TO \`ann@example.com\`;
    GRANT MODIFY ON TABLE sink TO \`ann@example.com\``);
}, 120_000);
afterAll(() => t.close());

/** Runs one statement as `client` and returns its lineage rows and its audit row's request id. */
async function written(client: typeof ann, statement: string) {
  const res = await sql(client, statement);
  expect(res.body.status, statement).toEqual({ state: "SUCCEEDED" });
  const statementId = res.body.statement_id as string;
  const tables = await t.services.db.select().from(tableLineage).where(eq(tableLineage.statementId, statementId));
  const columns = await t.services.db.select().from(columnLineage).where(eq(columnLineage.statementId, statementId));
  const [audit] = await t.services.db.select().from(auditLog)
    .where(and(eq(auditLog.actionName, "executeStatement"), dsql`${auditLog.requestParams}->>'statement_id' = ${statementId}`));
  return { statementId, tables, columns, requestId: audit!.requestId };
}

describe("CTAS", () => {
  it("records a table edge per source with the principal, statement, request and securable ids", async () => {
    const { statementId, tables, requestId } = await written(ann, "CREATE TABLE main.s.by_floor AS SELECT d.floor, sum(e.salary) AS pay FROM main.s.emp e JOIN main.s.dept d ON e.dept = d.name GROUP BY d.floor");
    const target = await id("main.s.by_floor");
    expect(requestId).toBeTruthy();
    expect([...tables].sort((a, b) => a.sourceTableFullName.localeCompare(b.sourceTableFullName))).toEqual(
      [["main.s.dept", "dept"], ["main.s.emp", "emp"]].map(([fullName, name]) => expect.objectContaining({
        statementId, requestId, entityType: "QUERY", createdBy: "ann@example.com", principalId: ann.principalId,
        sourceTableFullName: fullName, sourceTableCatalog: "main", sourceTableSchema: "s", sourceTableName: name, sourceType: "TABLE",
        targetTableFullName: "main.s.by_floor", targetTableCatalog: "main", targetTableSchema: "s", targetTableName: "by_floor",
        targetType: "TABLE", targetSecurableId: target,
      })),
    );
    expect(tables.map((r) => r.sourceSecurableId).sort()).toEqual([await id("main.s.dept"), await id("main.s.emp")].sort());
    expect(new Set(tables.map((r) => r.recordId)).size).toBe(2);
  });
  it("records column edges with the same principal and statement, one per source column feeding a target column", async () => {
    const { statementId, columns, requestId } = await written(ann, "CREATE TABLE main.s.pay_copy AS SELECT e.id AS emp_id, e.salary + d.floor AS pay FROM main.s.emp e JOIN main.s.dept d ON e.dept = d.name");
    expect(columns.map((r) => [r.sourceTableFullName, r.sourceColumnName, r.targetColumnName]).sort()).toEqual([
      ["main.s.dept", "floor", "pay"], ["main.s.emp", "id", "emp_id"], ["main.s.emp", "salary", "pay"],
    ]);
    const target = await id("main.s.pay_copy");
    for (const r of columns) {
      expect(r).toMatchObject({
        statementId, requestId, entityType: "QUERY", createdBy: "ann@example.com", principalId: ann.principalId,
        targetTableFullName: "main.s.pay_copy", targetType: "TABLE", targetSecurableId: target, sourceType: "TABLE",
      });
    }
  });
  it("a CTAS over a view has the view as its table and column source, with the view's id", async () => {
    const { tables, columns } = await written(ann, "CREATE TABLE main.s.eng_copy AS SELECT * FROM main.s.eng");
    const view = await id("main.s.eng");
    expect(tables.map((r) => [r.sourceTableFullName, r.sourceType, r.sourceSecurableId, r.createdBy])).toEqual([["main.s.eng", "VIEW", view, "ann@example.com"]]);
    expect(columns.map((r) => [r.sourceTableFullName, r.sourceType, r.sourceColumnName, r.targetColumnName, r.createdBy]).sort()).toEqual([
      ["main.s.eng", "VIEW", "id", "id", "ann@example.com"], ["main.s.eng", "VIEW", "salary", "salary", "ann@example.com"],
    ]);
  });
});

describe("INSERT ... SELECT", () => {
  it("column edges carry the principal, statement and request that wrote", async () => {
    const { statementId, tables, columns, requestId } = await written(ann, "INSERT INTO main.s.sink (pay, floor) SELECT e.salary, d.floor FROM main.s.emp e JOIN main.s.dept d ON e.dept = d.name");
    expect(tables.map((r) => [r.sourceTableFullName, r.targetTableFullName, r.createdBy, r.principalId]).sort()).toEqual([
      ["main.s.dept", "main.s.sink", "ann@example.com", ann.principalId],
      ["main.s.emp", "main.s.sink", "ann@example.com", ann.principalId],
    ]);
    expect(columns.map((r) => [r.sourceTableFullName, r.sourceColumnName, r.targetColumnName]).sort()).toEqual([
      ["main.s.dept", "floor", "floor"], ["main.s.emp", "salary", "pay"],
    ]);
    const sink = await id("main.s.sink");
    for (const r of columns) {
      expect(r).toMatchObject({ statementId, requestId, entityType: "QUERY", createdBy: "ann@example.com", principalId: ann.principalId, targetSecurableId: sink });
    }
  });
  it("a constant feeds no column edge; the table edge is still recorded", async () => {
    const { tables, columns } = await written(ann, "INSERT INTO main.s.sink SELECT floor, 0, 'const' FROM main.s.dept");
    expect(tables.map((r) => r.sourceTableFullName)).toEqual(["main.s.dept"]);
    expect(columns.map((r) => [r.sourceColumnName, r.targetColumnName, r.createdBy])).toEqual([["floor", "floor", "ann@example.com"]]);
  });
});

describe("statements that write nothing record nothing", () => {
  it("SELECT, EXPLAIN INSERT and a denied or failed write leave no lineage", async () => {
    const before = [(await t.services.db.select().from(tableLineage)).length, (await t.services.db.select().from(columnLineage)).length];
    await rows(ann, "SELECT * FROM main.s.emp");
    await rows(ann, "EXPLAIN INSERT INTO main.s.sink SELECT floor, 1, 'x' FROM main.s.dept");
    expect((await failure(ann, "INSERT INTO main.s.emp SELECT id, dept, salary FROM main.s.emp")).error_code).toBe("PERMISSION_DENIED");
    await failure(ann, "CREATE TABLE main.s.broken AS SELECT CAST(dept AS INT) AS n FROM main.s.emp");
    const after = [(await t.services.db.select().from(tableLineage)).length, (await t.services.db.select().from(columnLineage)).length];
    expect(after).toEqual(before);
  });
});
