import { cp, mkdtemp, readdir, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app";
import { expectedOf, HAVE_TESTDATA, tableNames, TESTDATA_DIR } from "../support/delta-testdata";
import { LocalObjectStore } from "../../src/node/local-store";
import { loadSnapshot } from "../../src/delta/load-snapshot";
import { DuckDbEngine } from "../../src/node/duckdb-engine";
import type { EnginePlan } from "../../src/engine/port";
import { failure, rows, sorted, sql } from "./helpers";

/**
 * Issue 6 "done when": every shared Delta test table (../shared/testdata/delta), registered as
 * an EXTERNAL table, reads through the engine as Spark wrote its expected rows — or, where no
 * expected data exists, with the expected row count and values. Tables that must be refused
 * are refused, naming why.
 */
/**
 * Known, documented differences (expected.json notes). golden-data-reader-partition-values: the
 * zone-less timestamp partition value "2021-09-08 11:11:11" was written in the generator's local
 * zone, which the log does not record; like delta-kernel-rs we read it as UTC.
 */
const ZONELESS_PARTITION: Record<string, { column: string; value: string }> = {
  "golden-data-reader-partition-values": { column: "as_timestamp", value: "2021-09-08T11:11:11Z" },
};

let t: TestApp;
let root: string;
const engine = new DuckDbEngine();
const tableOf = (name: string) => `main.td.${name.replace(/-/g, "_")}`;

beforeAll(async () => {
  t = await startTestApp();
  if (!HAVE_TESTDATA) return;
  // A copy: the catalog writes nothing into external tables, but the tests must not risk it.
  root = await mkdtemp(join(tmpdir(), "lakeward-engine-testdata-"));
  for (const name of tableNames()) await cp(join(TESTDATA_DIR, name, expectedOf(name).tableRoot ?? "delta"), join(root, name), { recursive: true });
  await rows(t.admin, `CREATE STORAGE CREDENTIAL td_cred WITH (AWS_IAM_ROLE 'arn:aws:iam::123456789012:role/td');
    CREATE EXTERNAL LOCATION td_loc URL 'file://${root}' WITH (STORAGE CREDENTIAL td_cred);
    CREATE CATALOG main; CREATE SCHEMA main.td`);
}, 120_000);
afterAll(() => t.close());

/** Spark's expected rows, read with the same casts and rendering as the engine's results. */
async function expectedRows(name: string, dir: string): Promise<(string | null)[][]> {
  const snapshot = await loadSnapshot(new LocalObjectStore(), `file://${join(root, name)}`);
  const base = join(TESTDATA_DIR, name, dir);
  // Spark writes "x.parquet" as a directory of part files; golden tables use a plain folder.
  const files = (await stat(base)).isFile() ? [base] : (await readdir(base)).filter((f) => f.endsWith(".parquet")).map((f) => join(base, f));
  const columns = snapshot.schema.fields.map((f) => ({ name: f.name, physical: f.name, type: f.type, physicalType: f.type, partition: false }));
  const plan: EnginePlan = {
    scans: [{ name: "__lw_scan_0", table: "expected", location: `file://${base}`, columns, files: files.map((f) => ({ url: `file://${f}`, partitionValues: {} })) }],
    definitions: [], sql: `SELECT * FROM "__lw_scan_0"`, redactErrors: false,
  };
  return (await engine.query(plan, 1_000_000)).rows;
}

describe.skipIf(!HAVE_TESTDATA)("shared Delta test tables through the engine", () => {
  if (!HAVE_TESTDATA) console.warn(`[engine] ${TESTDATA_DIR} not found: skipping the shared Delta table reads`);
  for (const name of tableNames()) {
    const expected = expectedOf(name);
    if (expected.expectError) {
      it(`${name}: refused, naming ${expected.expectError.mentions.join(", ")}`, async () => {
        // Registering from the log fails already; with given columns the read must fail too.
        const register = await failure(t.admin, `CREATE TABLE ${tableOf(name)} LOCATION 'file://${join(root, name)}'`);
        expect(register.error_code).toBe("BAD_REQUEST");
        await rows(t.admin, `CREATE TABLE ${tableOf(name)} (id INT) LOCATION 'file://${join(root, name)}'`);
        const err = await failure(t.admin, `SELECT * FROM ${tableOf(name)}`);
        for (const m of expected.expectError!.mentions) expect(err.message).toContain(m);
      });
      continue;
    }
    const latest = expected.versions[String(expected.latestVersion)]!;
    const data = (latest as unknown as { expectedData?: { dir: string; rows: number } }).expectedData;
    const source = (latest as unknown as { expectedRowsFromSource?: { rows: number; values?: unknown[][] } }).expectedRowsFromSource;
    it(`${name}: SELECT * returns ${data ? "Spark's expected rows" : `${latest.logicalRows} rows`}`, async () => {
      await rows(t.admin, `CREATE TABLE ${tableOf(name)} LOCATION 'file://${join(root, name)}'`);
      const got = await rows(t.admin, `SELECT * FROM ${tableOf(name)}`);
      expect(got.length).toBe(latest.logicalRows);
      if (data) {
        let want = await expectedRows(name, data.dir);
        const quirk = ZONELESS_PARTITION[name];
        if (quirk) {
          const i = (await sql(t.admin, `SELECT * FROM ${tableOf(name)} LIMIT 0`)).body.manifest.schema.columns.findIndex((c: { name: string }) => c.name === quirk.column);
          want = want.map((r) => r.map((v, j) => (j === i && v !== null ? quirk.value : v)));
        }
        expect(sorted(got)).toEqual(sorted(want));
      }
      if (source?.values) {
        // The source's values were read off a pretty-printed table, where "" and null look alike.
        const ours = await rows(t.admin, `SELECT id, coalesce(comment, '') FROM ${tableOf(name)} ORDER BY id`);
        expect(ours).toEqual(source.values.map((r) => r.map((v) => String(v ?? ""))));
      }
    });
  }

  it("kernel-table-with-dv-small: the deletion vector's rows are gone (values 1..8 remain)", async () => {
    const res = await sql(t.admin, `SELECT * FROM ${tableOf("kernel-table-with-dv-small")} ORDER BY 1`);
    expect(res.body.result.data_array.map((r: string[]) => r[0])).toEqual(["1", "2", "3", "4", "5", "6", "7", "8"]);
  });
});
