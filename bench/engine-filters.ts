/**
 * Issue 6 benchmark: one aggregate query over a 10-million-row Delta table with a row filter and
 * two column masks enforced — end to end through the statement API (parse, privileges,
 * snapshot, rewrite, a fresh locked-down DuckDB, result persisted) — against the equivalent
 * hand-written query straight on DuckDB over the same parquet files (also on a fresh instance),
 * in the same run, alternating. Target: enforced ≤ 1.1× hand-written.
 *
 *   npx tsx bench/engine-filters.ts             # prints, updates docs/benchmarks.md
 *   npx tsx bench/engine-filters.ts --no-write  # prints only
 *   npx tsx bench/engine-filters.ts --rows=1000000
 */
import { readFileSync, rmSync, writeFileSync, mkdtempSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { parseConfig } from "../src/config";
import { prepareRuntime } from "../src/node/start";
import { connectPglite } from "../src/node/pglite";
import { createApp } from "../src/app";
import { createBenchTable } from "./engine-dataset";

const ROWS = Number(process.argv.find((a) => a.startsWith("--rows="))?.slice(7) ?? 10_000_000);
const FILES = 8;
const RUNS = 9;

const FILTER = "region IN ('US', 'EU', 'APAC')";
const MASK_EMAIL = "'***@' || split_part(email, '@', 2)";
const MASK_SSN = "'***-**-' || right(ssn, 4)";
const QUERY = "SELECT region, count(*) AS n, count(DISTINCT email) AS emails, max(ssn) AS last_ssn, round(sum(amount), 2) AS total FROM bench.s.orders GROUP BY region ORDER BY region";
const handWritten = (files: string[]) =>
  `SELECT region, count(*) AS n, count(DISTINCT ${MASK_EMAIL}) AS emails, max(${MASK_SSN}) AS last_ssn, round(sum(amount), 2) AS total ` +
  `FROM read_parquet([${files.map((f) => `'${f}'`).join(", ")}]) WHERE ${FILTER} GROUP BY region ORDER BY region`;

console.log(`generating ${ROWS.toLocaleString("en")} rows in ${FILES} files ...`);
const table = await createBenchTable(ROWS, FILES);
const home = mkdtempSync(join(tmpdir(), "lakeward-bench-home-"));
const runtime = await prepareRuntime(parseConfig({ LAKEWARD_HOME: home }), await connectPglite());
const app = createApp(runtime.services);
const statement = async (sql: string) => {
  const res = await app.request("/api/2.0/sql/statements", {
    method: "POST",
    headers: { authorization: `Bearer ${runtime.adminToken}`, "content-type": "application/json" },
    body: JSON.stringify({ statement: sql, warehouse_id: "bench" }),
  });
  const body = (await res.json()) as { status: { state: string; error?: unknown }; result?: { data_array: (string | null)[][] } };
  if (body.status.state !== "SUCCEEDED") throw new Error(`${sql}: ${JSON.stringify(body.status)}`);
  return body.result?.data_array ?? [];
};

await statement(`CREATE STORAGE CREDENTIAL bench_cred WITH (AWS_IAM_ROLE 'arn:aws:iam::123456789012:role/bench');
  CREATE EXTERNAL LOCATION bench_loc URL 'file://${table.root}' WITH (STORAGE CREDENTIAL bench_cred);
  CREATE CATALOG bench; CREATE SCHEMA bench.s;
  CREATE TABLE bench.s.orders LOCATION '${table.url}';
  CREATE FUNCTION bench.s.regions(r STRING) RETURNS BOOLEAN RETURN r IN ('US', 'EU', 'APAC') OR is_account_group_member('auditors');
  CREATE FUNCTION bench.s.mask_email(e STRING) RETURNS STRING RETURN CASE WHEN is_account_group_member('pii') THEN e ELSE '***@' || split_part(e, '@', 2) END;
  CREATE FUNCTION bench.s.mask_ssn(s STRING) RETURNS STRING RETURN CASE WHEN is_account_group_member('pii') THEN s ELSE '***-**-' || right(s, 4) END;
  ALTER TABLE bench.s.orders SET ROW FILTER bench.s.regions ON (region);
  ALTER TABLE bench.s.orders ALTER COLUMN email SET MASK bench.s.mask_email;
  ALTER TABLE bench.s.orders ALTER COLUMN ssn SET MASK bench.s.mask_ssn`);

async function direct(): Promise<(string | null)[][]> {
  const instance = await DuckDBInstance.create(":memory:");
  const conn = await instance.connect();
  try {
    const r = await conn.runAndReadAll(handWritten(table.files));
    return r.getRowsJson().map((row) => row.map((v) => (v === null ? null : String(v))));
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

const time = async (f: () => Promise<unknown>) => {
  const t0 = performance.now();
  await f();
  return performance.now() - t0;
};
const enforcedRows = await statement(QUERY);
const directRows = await direct();
if (JSON.stringify(enforcedRows) !== JSON.stringify(directRows)) throw new Error(`results differ:\n${JSON.stringify(enforcedRows)}\n${JSON.stringify(directRows)}`);
const enforced: number[] = [];
const baseline: number[] = [];
for (let i = 0; i < RUNS; i++) {
  baseline.push(await time(direct));
  enforced.push(await time(() => statement(QUERY)));
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const [e, b] = [median(enforced), median(baseline)];
// The shared machine's load drifts by 2-3× within minutes; each enforced run is compared with
// the hand-written run just before it, and the median of those paired ratios is the figure.
const paired = median(enforced.map((x, i) => x / baseline[i]!));
const best = Math.min(...enforced) / Math.min(...baseline);
const machine = `${cpus().length} cores (${cpus()[0]?.model.trim()}, shared), ${Math.round(totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}, DuckDB 1.5.6`;
console.log(`rows ${ROWS.toLocaleString("en")}, result ${directRows.length} groups, machine: ${machine}`);
console.log(`hand-written DuckDB query   median ${b.toFixed(0)} ms  (runs: ${baseline.map((x) => x.toFixed(0)).join(", ")})`);
console.log(`statement API, enforced     median ${e.toFixed(0)} ms  (runs: ${enforced.map((x) => x.toFixed(0)).join(", ")})`);
console.log(`ratio enforced / hand-written: median of paired runs ${paired.toFixed(2)}×, of medians ${(e / b).toFixed(2)}×, of best runs ${best.toFixed(2)}×`);

if (!process.argv.includes("--no-write")) {
  const section = [
    "## Engine: filters and masks",
    "",
    `One aggregate query over a ${ROWS.toLocaleString("en")}-row Delta table (${FILES} parquet files written by DuckDB, committed`,
    "with our Delta writer) that has a row filter (3 of 8 regions) and two column masks (email, ssn):",
    "",
    "```sql",
    QUERY,
    "```",
    "",
    "*Enforced* is the whole statement API path: parse, privilege checks, snapshot, rewrite into",
    "policy views, a fresh locked-down DuckDB instance, execution, result persisted. *Hand-written* is",
    "the same result computed straight on DuckDB over the same files with the filter and masks typed",
    `in by hand, also on a fresh instance. Same run, alternating, ${RUNS} pairs after a warm-up; both`,
    "return identical rows (checked). The load on the shared machine drifts by 2–3× within minutes,",
    "so each enforced run is divided by the hand-written run just before it and the median of those",
    "paired ratios is the headline figure.",
    "",
    "| what | median |",
    "|---|---|",
    `| hand-written DuckDB query | ${b.toFixed(0)} ms |`,
    `| statement API with filter + 2 masks enforced | ${e.toFixed(0)} ms |`,
    `| ratio, median of paired runs | **${paired.toFixed(2)}×** (target ≤ 1.1×) |`,
    `| ratio of medians / of best runs | ${(e / b).toFixed(2)}× / ${best.toFixed(2)}× |`,
    "",
    `Machine: ${machine}. Measured ${new Date().toISOString().slice(0, 10)}.`,
    "The policy view is inlined by DuckDB's optimizer, so the filter is pushed into the parquet scan",
    "exactly as in the hand-written query; what remains is fixed per-statement work (catalog and",
    "privilege lookups, one DESCRIBE of the file footers, creating macros and views, persisting",
    "the result). Figures vary ±30% between runs here because the 2 cores are shared with other work.",
    "Reproduce: `npx tsx bench/engine-filters.ts` (rewrites this section; `--no-write` only prints;",
    "`--rows=N` for another size).",
    "",
  ].join("\n");
  const path = new URL("../docs/benchmarks.md", import.meta.url);
  let doc = readFileSync(path, "utf8");
  const re = /## Engine: filters and masks\n[\s\S]*?(?=\n## |$)/;
  doc = re.test(doc) ? doc.replace(re, section.trimEnd() + "\n") : `${doc.trimEnd()}\n\n${section}`;
  writeFileSync(path, doc);
  console.log("updated docs/benchmarks.md");
}
await runtime.handle.close();
rmSync(table.root, { recursive: true, force: true });
rmSync(home, { recursive: true, force: true });
