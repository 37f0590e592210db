/**
 * Issue 4 benchmark: cost of one authorization check with 1k, 10k, 100k and 1M grants
 * (10k principals, groups nested 5 deep, 100k tables), Lakeward's Authorizer against a plain
 * casbin enforcer loaded with every grant the way Unity Catalog OSS uses jCasbin, in the same
 * run on the same PostgreSQL server. The data set lives in a fresh database, dropped at the end.
 *
 *   npx tsx bench/authz-checks.ts [postgres://postgres@127.0.0.1:5432/test] [--no-write] [--sizes=1000,10000]
 *   (--no-casbin skips the baseline; --profile=DIR writes a CPU profile of each size's warm loop)
 */
import { readFileSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { cpus, totalmem } from "node:os";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import postgres from "postgres";
import { migrations } from "../schema/migrations.gen";
import { applyMigrations } from "../src/db/migrate";
import { connectPostgres } from "../src/db/postgres";
import { AuthzCache, type Closure } from "../src/authz/cache";
import { Authorizer } from "../src/authz/authorizer";
import { PrivilegeEnforcer } from "../src/authz/enforcer";
import { systemClock } from "../src/clock";
import { addFiller, idsByName, loadShape } from "./support/authz-dataset";
import { casbinDecide, loadCasbinBaseline } from "./support/authz-casbin";
import { percentile, planChecks, type PlannedCheck } from "./support/authz-plan";
import { writeSection, type SizeResult } from "./support/authz-report";

const args = process.argv.slice(2);
const adminUrl = args.find((a) => !a.startsWith("--")) ?? "postgres://postgres@127.0.0.1:5432/test";
const sizes = (args.find((a) => a.startsWith("--sizes="))?.slice(8).split(",") ?? ["1000", "10000", "100000", "1000000"]).map(Number);
const PLAN = 2000; // distinct checks per size
const COLD = 500; // of which the first, on an empty cache, are timed as cold
const WARM_ROUNDS = 10;
const profileDir = args.find((a) => a.startsWith("--profile="))?.slice(10);
const CASBIN_BUDGET_MS = 20_000; // per size; the baseline at 1M takes seconds per check

const us = (ms: number) => ms * 1000;
// Collect the previous phase's garbage (the last size's casbin baseline holds ~1 GB) before a
// timed loop, so Lakeward's figures are not charged for sweeping it.
setFlagsFromString("--expose-gc");
const collectGarbage = runInNewContext("gc") as () => void;
const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);

const dbName = `lw_bench_authz_${Date.now()}`;
const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
await admin.unsafe(`create database ${dbName}`);
const url = Object.assign(new URL(adminUrl), { pathname: `/${dbName}` }).toString();
const handle = connectPostgres(url, { max: 4 });
const sql = postgres(url, { max: 2, onnotice: () => {} });
const results: SizeResult[] = [];
try {
  await applyMigrations(handle.db, migrations);
  let t0 = performance.now();
  const chainGrants = await loadShape(sql);
  console.log(`shape loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s (${chainGrants} chain grants)`);
  const ids = await idsByName(sql);
  const plan = planChecks(PLAN);
  const enforcer = await PrivilegeEnforcer.create(readFileSync(new URL("../policies/model.conf", import.meta.url), "utf8"));
  const users = [...new Set(plan.map((c) => c.user))];

  const lakeward = () => new Authorizer(new AuthzCache(handle.db, systemClock, 1000), enforcer);
  const callerFor = async (authz: Authorizer) => {
    const closures = new Map<string, Closure>();
    for (const u of users) closures.set(u, await authz.cache.closure(ids.principals.get(u)!, "user"));
    return (c: PlannedCheck) => ({ id: ids.principals.get(c.user)!, name: c.user, closure: closures.get(c.user)! });
  };
  // JIT warm-up on a throwaway cache, so the first size is not charged for compilation.
  {
    const authz = lakeward();
    const caller = await callerFor(authz);
    for (let r = 0; r < 3; r++) for (const c of plan) await authz.check(caller(c), c.operation, ids.securables.get(c.target)!);
  }

  let filler = 0;
  for (const size of sizes) {
    t0 = performance.now();
    await addFiller(sql, filler, size - chainGrants);
    filler = Math.max(filler, size - chainGrants);
    const [{ n }] = (await sql`select count(*)::int as n from grants`) as unknown as [{ n: number }];
    console.log(`\n${n.toLocaleString("en")} grants (filler loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s)`);

    const authz = lakeward();
    const caller = await callerFor(authz);
    await authz.cache.refresh();
    collectGarbage();
    const cold: number[] = [];
    const verdicts: boolean[] = [];
    for (const [i, c] of plan.entries()) {
      const start = performance.now();
      const v = await authz.check(caller(c), c.operation, ids.securables.get(c.target)!);
      if (i < COLD) cold.push(performance.now() - start);
      verdicts.push(v.allowed);
    }
    collectGarbage();
    const warm: number[] = [];
    const warmByLabel = new Map<string, number[]>();
    const profiler = profileDir ? new Session() : undefined;
    if (profiler) {
      profiler.connect();
      await profiler.post("Profiler.enable");
      await profiler.post("Profiler.start");
    }
    for (let r = 0; r < WARM_ROUNDS; r++) {
      for (const c of plan) {
        const start = performance.now();
        await authz.check(caller(c), c.operation, ids.securables.get(c.target)!);
        const took = performance.now() - start;
        warm.push(took);
        let byLabel = warmByLabel.get(c.label);
        if (!byLabel) warmByLabel.set(c.label, (byLabel = []));
        byLabel.push(took);
      }
    }

    if (profiler) {
      const { profile } = await profiler.post("Profiler.stop");
      writeFileSync(`${profileDir}/authz-warm-${size}.cpuprofile`, JSON.stringify(profile));
      profiler.disconnect();
    }
    for (const [label, xs] of warmByLabel) {
      const x = sorted(xs);
      console.log(`  ${label.padEnd(24)} warm p50 ${us(percentile(x, 0.5)).toFixed(1)} µs p99 ${us(percentile(x, 0.99)).toFixed(1)} µs`);
    }
    const skipCasbin = args.includes("--no-casbin");
    const baseline = skipCasbin ? undefined : await loadCasbinBaseline(sql);
    const casbin: number[] = [];
    let agree = 0;
    let casbinFirst = NaN;
    if (baseline) {
      const first = performance.now();
      casbinDecide(baseline, ids.securables, ids.principals.get(plan[0]!.user)!, plan[0]!);
      casbinFirst = performance.now() - first;
      const budgetEnd = performance.now() + CASBIN_BUDGET_MS;
      for (const [i, c] of plan.entries()) {
        if (performance.now() > budgetEnd && casbin.length >= 5) break;
        const start = performance.now();
        const allowed = casbinDecide(baseline, ids.securables, ids.principals.get(c.user)!, c);
        casbin.push(performance.now() - start);
        if (allowed === verdicts[i]) agree++;
      }
    }
    const [w, cd, cb] = [sorted(warm), sorted(cold), sorted(casbin)];
    const result: SizeResult = {
      grants: n,
      warmP50us: us(percentile(w, 0.5)), warmP99us: us(percentile(w, 0.99)), warmChecks: w.length,
      coldP50ms: percentile(cd, 0.5), coldP99ms: percentile(cd, 0.99),
      casbinP50ms: percentile(cb, 0.5), casbinP99ms: percentile(cb, 0.99), casbinChecks: cb.length,
      casbinFirstMs: casbinFirst, casbinLoadS: baseline?.loadSeconds ?? NaN, casbinLines: baseline ? baseline.policies + baseline.links : 0,
      allowedShare: verdicts.filter(Boolean).length / verdicts.length, agreement: agree / cb.length,
    };
    results.push(result);
    console.log(
      `Lakeward warm p50 ${result.warmP50us.toFixed(1)} µs p99 ${result.warmP99us.toFixed(1)} µs (${w.length} checks, ${(result.allowedShare * 100).toFixed(0)}% allowed); ` +
        `cold p50 ${result.coldP50ms.toFixed(2)} ms p99 ${result.coldP99ms.toFixed(2)} ms`,
    );
    console.log(
      `casbin (UC OSS style) p50 ${result.casbinP50ms.toFixed(3)} ms p99 ${result.casbinP99ms.toFixed(3)} ms (${cb.length} checks, first ${casbinFirst.toFixed(1)} ms); ` +
        `load ${result.casbinLoadS.toFixed(1)} s for ${result.casbinLines.toLocaleString("en")} lines; same verdict ${(result.agreement * 100).toFixed(1)}%`,
    );
  }
} finally {
  await handle.close();
  await sql.end({ timeout: 5 });
  await admin.unsafe(`drop database if exists ${dbName} with (force)`);
  await admin.end({ timeout: 5 });
}

const machine = `${cpus().length} cores (${cpus()[0]?.model.trim() ?? "unknown"}, shared), ${Math.round(totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}`;
const table = writeSection(results, machine, !args.includes("--no-write"));
console.log(`\n${table}`);
