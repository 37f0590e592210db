import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { DuckDBInstance } from "@duckdb/node-api";
import { DuckDbEngine } from "../../src/node/duckdb-engine";
import type { EnginePlan, TableScan } from "../../src/engine/port";
import { LakewardError } from "../../src/errors";

/**
 * The DuckDB adapter's own guarantees, with plans built by hand — as if the rewriter had been
 * fooled: the lockdown still holds, errors are redacted, statements are time-limited.
 */
const engine = new DuckDbEngine();
let scan: TableScan;
const plan = (sql: string, extra: Partial<EnginePlan> = {}): EnginePlan => ({ scans: [scan], definitions: [], sql, redactErrors: false, ...extra });
const failure = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e as LakewardError);

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), "lakeward-duck-"));
  const file = join(dir, "part-0.parquet");
  const instance = await DuckDBInstance.create(":memory:");
  const conn = await instance.connect();
  await conn.run(`COPY (SELECT * FROM (VALUES (1, 'secret-1'), (2, NULL)) t(id, s)) TO '${file}' (FORMAT parquet)`);
  conn.closeSync();
  instance.closeSync();
  const columns = [
    { name: "id", physical: "id", type: { kind: "primitive", name: "long" }, physicalType: { kind: "primitive", name: "long" }, partition: false },
    { name: "s", physical: "s", type: { kind: "primitive", name: "string" }, physicalType: { kind: "primitive", name: "string" }, partition: false },
  ] as TableScan["columns"];
  scan = { name: "__lw_scan_0", table: "main.s.t", location: `file://${dir}`, columns, files: [{ url: `file://${file}`, partitionValues: {} }] };
});

describe("DuckDB adapter", () => {
  it("reads the plan's files, Spark's NULL order, and renders values as strings", async () => {
    const r = await engine.query(plan(`SELECT * FROM "__lw_scan_0" ORDER BY s`), 10);
    expect(r.rows).toEqual([["2", null], ["1", "secret-1"]]);
    expect(r.columns).toEqual([{ name: "id", type: { kind: "primitive", name: "long" } }, { name: "s", type: { kind: "primitive", name: "string" } }]);
  });
  it("cannot read other files, list directories, load extensions or change settings", async () => {
    for (const sql of ["SELECT * FROM read_text('/etc/passwd')", `SELECT * FROM glob('${scan.location.slice(7)}/*')`, "SELECT * FROM read_csv('/etc/hosts')"]) {
      expect((await failure(engine.query(plan(sql), 10)))?.code, sql).toBe("PERMISSION_DENIED");
    }
    for (const sql of ["SET enable_external_access = true", "SET allowed_paths = ['/etc/passwd']", "LOAD httpfs", "INSTALL httpfs", "ATTACH '/tmp/x.db'"]) {
      expect(await failure(engine.query(plan(sql), 10)), sql).toBeInstanceOf(LakewardError);
    }
  });
  it("redacts values and storage paths from engine errors when policies applied", async () => {
    const err = await failure(engine.query(plan(`SELECT CAST(s AS INT) FROM "__lw_scan_0"`, { redactErrors: true }), 10));
    expect(err?.message).toContain("'***'");
    expect(err?.message).not.toContain("secret");
    const path = await failure(engine.query(plan(`SELECT * FROM read_parquet('${scan.location.slice(7)}/nope.parquet')`), 10));
    expect(path?.message).toContain("<main.s.t>");
    expect(path?.message).not.toContain(scan.location.slice(7));
  });
  it("stops statements that run too long", async () => {
    const slow = new DuckDbEngine({ timeoutMs: 300 });
    const err = await failure(slow.query(plan("SELECT count(*) FROM range(10000000000000) a, range(10) b"), 10));
    expect(err?.code).toBe("RESOURCE_EXHAUSTED");
  });
  it("stops fetching after the row limit and says so", async () => {
    const r = await engine.query(plan("SELECT * FROM range(100000000)"), 5);
    expect(r.rows.length).toBe(5);
    expect(r.truncated).toBe(true);
  });
});
