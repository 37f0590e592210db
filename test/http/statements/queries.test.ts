import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../support/app";
import type { ApiClient } from "../../support/client";
import { executeStatement } from "../../../src/sql/statements";
import { governanceHandlers } from "../../../src/sql/execute/handlers";
import { toPrincipal } from "../../../src/auth/authenticate";
import { findPrincipalByName } from "../../../src/auth/principals";

/** Query results through the Statement Execution API (issue 6 §2): shape, limits, chunks, audit. */
let t: TestApp;
const sql = (client: ApiClient, statement: string, extra: Record<string, unknown> = {}) => client.post("/api/2.0/sql/statements", { statement, warehouse_id: "x", ...extra });

beforeAll(async () => {
  t = await startTestApp();
  await sql(t.admin, "CREATE CATALOG main; CREATE SCHEMA main.s; CREATE TABLE main.s.n (i BIGINT); INSERT INTO main.s.n SELECT * FROM range(12001)");
});
afterAll(() => t.close());

describe("query results in the statement API", () => {
  it("chunks large results and serves every chunk again by id", async () => {
    const res = await sql(t.admin, "SELECT i, i * 2 AS twice FROM main.s.n ORDER BY i");
    expect(res.body.status).toEqual({ state: "SUCCEEDED" });
    expect(res.body.manifest).toMatchObject({ format: "JSON_ARRAY", total_row_count: 12001, total_chunk_count: 3, truncated: false });
    expect(res.body.manifest.schema.columns).toEqual([
      { name: "i", type_name: "LONG", type_text: "BIGINT", position: 0 },
      { name: "twice", type_name: "LONG", type_text: "BIGINT", position: 1 },
    ]);
    expect(res.body.result).toMatchObject({ chunk_index: 0, row_offset: 0, row_count: 5000, next_chunk_index: 1 });
    const last = await t.admin.get(`/api/2.0/sql/statements/${res.body.statement_id}/result/chunks/2`);
    expect(last.body).toMatchObject({ chunk_index: 2, row_offset: 10000, row_count: 2001 });
    expect(last.body.data_array.at(-1)).toEqual(["12000", "24000"]);
  });
  it("applies row_limit and says the result was truncated", async () => {
    const res = await sql(t.admin, "SELECT i FROM main.s.n ORDER BY i DESC", { row_limit: 3 });
    expect(res.body.manifest).toMatchObject({ total_row_count: 3, truncated: true });
    expect(res.body.result.data_array).toEqual([["12000"], ["11999"], ["11998"]]);
  });
  it("a failing query reports where it failed in the script and is audited with its facts", async () => {
    const res = await sql(t.admin, "USE CATALOG main;\nSELECT nope FROM s.n");
    expect(res.body.status.state).toBe("FAILED");
    expect(res.body.status.error.message).toMatch(/^\[INVALID_PARAMETER_VALUE\] Binder Error: .*nope.*\(statement 2 of 2, line 2, column 1\)$/);
    const audit = await t.services.db.execute(`select outcome, details from audit_log where action_name = 'executeStatement' and request_params->>'statement_id' = '${res.body.statement_id}'`);
    const row = ((audit as unknown as { rows?: unknown[] }).rows ?? (audit as unknown as unknown[]))[0] as { outcome: string; details: { engine: unknown[] } };
    expect(row.outcome).toBe("failed");
    expect(row.details.engine).toEqual([expect.objectContaining({ statement: "QUERY", tables_read: ["main.s.n"], outcome: "failed", error_code: "INVALID_ARGUMENT" })]);
  });
  it("a query of a hidden table answers not-found, and the audit records the denial", async () => {
    const eve = await t.user("eve@example.com");
    const res = await sql(eve, "SELECT * FROM main.s.n");
    expect(res.body.status.error.message).toMatch(/^\[TABLE_OR_VIEW_NOT_FOUND\]/);
    const audit = await t.services.db.execute(`select details from audit_log where action_name = 'executeStatement' and request_params->>'statement_id' = '${res.body.statement_id}'`);
    const row = ((audit as unknown as { rows?: unknown[] }).rows ?? (audit as unknown as unknown[]))[0] as { details: { engine: unknown[] } };
    expect(row.details.engine).toEqual([expect.objectContaining({ principal: "eve@example.com", outcome: "denied", error_code: "TABLE_NOT_FOUND" })]);
  });
  it("without a query engine (the Workers build) queries stay UNIMPLEMENTED", async () => {
    const row = (await findPrincipalByName(t.services.db, "admin"))!;
    const services = { ...t.services, statements: governanceHandlers };
    const ctx = { requestId: "r", principal: await toPrincipal(row, services), services };
    for (const statement of ["SELECT 1", "INSERT INTO main.s.n VALUES (1)", "EXPLAIN SELECT 1", "CREATE TABLE main.s.c AS SELECT 1 AS x"]) {
      const res = await executeStatement({ ctx, input: { statement } });
      expect(res.status.error?.message, statement).toMatch(/UNSUPPORTED_FEATURE.*(no query engine in this runtime|need the query engine)/);
    }
  });
});
