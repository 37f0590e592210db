/**
 * Issue 2 benchmark: requests per second of `GET /api/2.1/unity-catalog/tables/{full_name}`
 * at 20 connections, against a bare Hono route doing one postgres.js select of the same row,
 * in the same run on the same PostgreSQL server. Each server runs in its own process; the
 * load generator runs in this one.
 *
 *   npx tsx bench/uc-get-table.ts [postgres://postgres@127.0.0.1:5432/test] [seconds]
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import postgres from "postgres";
import { runLoad, type LoadResult } from "./support/load";

const adminUrl = process.argv[2] ?? "postgres://postgres@127.0.0.1:5432/test";
const seconds = Number(process.argv[3] ?? 5);
const CONNECTIONS = 20;
const ROUNDS = 5;
const fmt = (r: LoadResult) => `${r.rps.toFixed(0)} req/s p50 ${r.p50ms.toFixed(2)} ms p99 ${r.p99ms.toFixed(2)} ms`;

function start(script: string, args: string[]): Promise<{ proc: ChildProcess; line: string }> {
  const proc = spawn("npx", ["tsx", script, ...args], { stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve) => {
    let out = "";
    proc.stdout!.on("data", (d) => {
      out += d;
      const line = out.split("\n").find((l) => l.startsWith("ready"));
      if (line) resolve({ proc, line });
    });
  });
}

const dbName = `lw_bench_${Date.now()}`;
const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
await admin.unsafe(`create database ${dbName}`);
const url = Object.assign(new URL(adminUrl), { pathname: `/${dbName}` }).toString();
try {
  const lw = await start(new URL("./support/lakeward-server.ts", import.meta.url).pathname, [url, "18601", mkdtempSync(join(tmpdir(), "lw-bench-"))]);
  const token = lw.line.split(" ")[1]!;
  const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
  const post = (path: string, body: unknown) => fetch(`http://127.0.0.1:18601/api/2.1/unity-catalog${path}`, { method: "POST", headers, body: JSON.stringify(body) });
  await post("/catalogs", { name: "main" });
  await post("/schemas", { name: "sales", catalog_name: "main" });
  const col = (name: string, t: string, position: number) => ({ name, type_name: t, type_text: t.toLowerCase(), position });
  await post("/tables", { name: "orders", catalog_name: "main", schema_name: "sales", table_type: "MANAGED", columns: [col("id", "LONG", 0), col("amount", "DOUBLE", 1), col("region", "STRING", 2)] });
  const bare = await start(new URL("./support/bare-server.ts", import.meta.url).pathname, [url, "18602"]);

  const bareUrl = "http://127.0.0.1:18602/tables/main.sales.orders";
  const lwUrl = "http://127.0.0.1:18601/api/2.1/unity-catalog/tables/main.sales.orders";
  await runLoad(bareUrl, {}, CONNECTIONS, 2); // warm-up: JIT, pools, prepared statements
  await runLoad(lwUrl, headers, CONNECTIONS, 2);
  // The shared cores' load drifts within minutes, so the two alternate and each Lakeward round
  // is divided by the bare round just before it; the headline is the median of those ratios.
  const rows: { bare: LoadResult; lw: LoadResult }[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const bare = await runLoad(bareUrl, {}, CONNECTIONS, seconds);
    const lw = await runLoad(lwUrl, headers, CONNECTIONS, seconds);
    if (bare.errors || lw.errors) throw new Error(`errors: bare ${bare.errors}, Lakeward ${lw.errors}`);
    rows.push({ bare, lw });
    console.log(`round ${round + 1}: bare ${fmt(bare)} | Lakeward ${fmt(lw)} | ratio ${(lw.rps / bare.rps).toFixed(2)}`);
  }
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  console.log(`bare Hono + one postgres.js select: median ${median(rows.map((r) => r.bare.rps)).toFixed(0)} req/s, p99 ${median(rows.map((r) => r.bare.p99ms)).toFixed(1)} ms`);
  console.log(`Lakeward GET /tables/{full_name}:    median ${median(rows.map((r) => r.lw.rps)).toFixed(0)} req/s, p99 ${median(rows.map((r) => r.lw.p99ms)).toFixed(1)} ms`);
  console.log(`ratio (Lakeward / bare), median of paired rounds: ${median(rows.map((r) => r.lw.rps / r.bare.rps)).toFixed(2)}`);
  lw.proc.kill();
  bare.proc.kill();
} finally {
  await new Promise((r) => setTimeout(r, 500));
  await admin.unsafe(`drop database if exists ${dbName} with (force)`);
  await admin.end();
}
