/**
 * Benchmark: Delta snapshot construction vs the cost of just reading and JSON-parsing the log.
 *
 *   npx tsx bench/delta-snapshot.ts            # prints figures, updates docs/benchmarks.md
 *   npx tsx bench/delta-snapshot.ts --no-write # prints only
 *
 * Synthetic table in a MemoryObjectStore: 1,000 commits (v0..v999), 100 `add` actions each
 * (100,000 adds), each commit with commitInfo, realistic stats strings and a partition value.
 * The checkpoint variant has the same commits plus a classic parquet checkpoint at v990
 * written by our writer. Two floors, measured in the same process and rounds:
 *   floor      fetch every commit, decode UTF-8, JSON.parse every line, keep nothing;
 *   floor+keep the same, but the parsed actions stay referenced until the run ends — what any
 *              reader pays just to hold 100k parsed files (GC promotion, fresh heap pages).
 * "Cold" is each variant's first run in a fresh child process (JIT and heap cold); "warm" is
 * the median of RUNS interleaved rounds after a warm-up round.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { encodeCheckpoint } from "../src/delta/checkpoint-writer";
import { checkpointFileName, commitFileName } from "../src/delta/filenames";
import { loadSnapshot } from "../src/delta/load-snapshot";
import { MemoryObjectStore } from "../src/storage/memory";

const COMMITS = 1000;
const ADDS_PER_COMMIT = 100;
const CHECKPOINT_AT = 990;
const RUNS = 7;
const PLAIN = "memory://bench/plain";
const CKPT = "memory://bench/ckpt";
const enc = new TextEncoder();

function commitBody(v: number): string {
  const lines: string[] = [JSON.stringify({ commitInfo: { timestamp: 1_700_000_000_000 + v, operation: "WRITE", isBlindAppend: true, engineInfo: "bench" } })];
  if (v === 0) {
    lines.push(JSON.stringify({ protocol: { minReaderVersion: 1, minWriterVersion: 2 } }));
    const schema = { type: "struct", fields: [
      { name: "id", type: "long", nullable: true, metadata: {} },
      { name: "name", type: "string", nullable: true, metadata: {} },
      { name: "day", type: "date", nullable: true, metadata: {} },
    ] };
    lines.push(JSON.stringify({ metaData: { id: "bench", format: { provider: "parquet", options: {} }, schemaString: JSON.stringify(schema), partitionColumns: ["day"], configuration: {}, createdTime: 1 } }));
  }
  for (let i = 0; i < ADDS_PER_COMMIT; i++) {
    const n = v * ADDS_PER_COMMIT + i;
    const stats = { numRecords: 1000 + i, minValues: { id: n * 1000, name: `aaa-${n}` }, maxValues: { id: n * 1000 + 999, name: `zzz-${n}` }, nullCount: { id: 0, name: i % 7 } };
    lines.push(JSON.stringify({ add: {
      path: `day=2024-01-${String((v % 28) + 1).padStart(2, "0")}/part-${String(i).padStart(5, "0")}-${crypto.randomUUID()}.c000.snappy.parquet`,
      partitionValues: { day: `2024-01-${String((v % 28) + 1).padStart(2, "0")}` },
      size: 10_000 + n, modificationTime: 1_700_000_000_000 + v, dataChange: true, stats: JSON.stringify(stats),
    } }));
  }
  return lines.join("\n");
}

/** Build both tables in memory and save their log files to `dir` (for the cold children). */
async function buildTables(dir: string): Promise<void> {
  const store = new MemoryObjectStore();
  for (let v = 0; v < COMMITS; v++) {
    const body = enc.encode(commitBody(v));
    writeFileSync(join(dir, commitFileName(v)), body);
    await store.put(`${CKPT}/_delta_log/${commitFileName(v)}`, body);
  }
  const ckpt = encodeCheckpoint(await loadSnapshot(store, CKPT, { version: CHECKPOINT_AT }));
  writeFileSync(join(dir, checkpointFileName(CHECKPOINT_AT)), ckpt.data);
}

/** Load the saved log files: commits into both tables, the checkpoint into one. */
async function loadTables(dir: string): Promise<{ store: MemoryObjectStore; bytes: number; checkpointBytes: number }> {
  const store = new MemoryObjectStore();
  let bytes = 0;
  let checkpointBytes = 0;
  for (const name of readdirSync(dir)) {
    const data = new Uint8Array(readFileSync(join(dir, name)));
    if (name.endsWith(".json")) {
      bytes += data.byteLength;
      await store.put(`${PLAIN}/_delta_log/${name}`, data);
    } else checkpointBytes = data.byteLength;
    await store.put(`${CKPT}/_delta_log/${name}`, data);
  }
  return { store, bytes, checkpointBytes };
}

/** The floor: fetch + decode + JSON.parse every line of every commit; optionally keep the results. */
async function floorJson(store: MemoryObjectStore, keep: boolean): Promise<number> {
  const dec = new TextDecoder();
  const kept: unknown[] = [];
  let count = 0;
  for (let v = 0; v < COMMITS; v++) {
    const text = dec.decode(await store.get(`${PLAIN}/_delta_log/${commitFileName(v)}`));
    for (const line of text.split("\n")) {
      if (!line) continue;
      const action: unknown = JSON.parse(line);
      if (keep) kept.push(action);
      count++;
    }
  }
  return count + kept.length;
}

type Variant = "floor" | "floorKeep" | "plain" | "ckpt";
const VARIANTS: Variant[] = ["floor", "floorKeep", "plain", "ckpt"];

function runner(store: MemoryObjectStore): Record<Variant, () => Promise<number>> {
  return {
    floor: () => floorJson(store, false),
    floorKeep: () => floorJson(store, true),
    // A snapshot is only useful with its file list, so building `files` is part of the cost.
    plain: () => loadSnapshot(store, PLAIN).then((s) => s.files.length),
    ckpt: () => loadSnapshot(store, CKPT).then((s) => s.files.length),
  };
}

/** Minor page faults of this process so far (Linux), to show fresh-memory costs. */
function minorFaults(): number | undefined {
  if (!existsSync("/proc/self/stat")) return undefined;
  return Number(readFileSync("/proc/self/stat", "utf8").split(") ")[1]!.split(" ")[7]);
}

interface Sample {
  ms: number;
  faults?: number;
}

async function timed(fn: () => Promise<number>): Promise<Sample> {
  const f0 = minorFaults();
  const t0 = performance.now();
  await fn();
  const ms = performance.now() - t0;
  const f1 = minorFaults();
  return { ms, faults: f0 === undefined || f1 === undefined ? undefined : f1 - f0 };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

// Child mode: one cold run of one variant, printed as JSON.
const coldIndex = process.argv.indexOf("--cold");
if (coldIndex >= 0) {
  const [variant, dir] = [process.argv[coldIndex + 1] as Variant, process.argv[coldIndex + 2]!];
  const { store } = await loadTables(dir);
  process.stdout.write(JSON.stringify(await timed(runner(store)[variant])));
  process.exit(0);
}

const dir = mkdtempSync(join(tmpdir(), "lakeward-bench-delta-"));
try {
  await buildTables(dir);
  const { store, bytes, checkpointBytes } = await loadTables(dir);
  const check = await loadSnapshot(store, PLAIN);
  const checkCkpt = await loadSnapshot(store, CKPT);
  if (check.numFiles !== COMMITS * ADDS_PER_COMMIT || check.version !== COMMITS - 1) throw new Error("bench table is wrong");
  if (checkCkpt.numFiles !== check.numFiles || checkCkpt.source.checkpointVersion !== CHECKPOINT_AT) throw new Error("checkpoint table is wrong");

  const cold: Record<string, Sample> = {};
  for (const v of VARIANTS) {
    const out = execFileSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), "--cold", v, dir], { encoding: "utf8" });
    cold[v] = JSON.parse(out) as Sample;
  }

  const run = runner(store);
  for (const v of VARIANTS) await run[v](); // warm-up round (JIT)
  const warm: Record<string, Sample[]> = Object.fromEntries(VARIANTS.map((v) => [v, []]));
  // Interleaved rounds, so load from other processes hits every variant alike.
  for (let i = 0; i < RUNS; i++) for (const v of VARIANTS) warm[v]!.push(await timed(run[v]));

  const ms = (v: Variant) => median(warm[v]!.map((s) => s.ms));
  const faults = (v: Variant) => (warm[v]![0]!.faults === undefined ? "n/a" : String(median(warm[v]!.map((s) => s.faults!))));
  const floor = ms("floor");
  const floorKeep = ms("floorKeep");
  const fmt = (x: number) => `${x.toFixed(0)} ms`;
  const ratio = (x: number, base: number) => `${(x / base).toFixed(2)}×`;
  const label: Record<Variant, string> = {
    floor: "floor: read + JSON.parse all 1,000 commits, keep nothing",
    floorKeep: "floor+keep: same, parsed actions kept alive",
    plain: "snapshot, no checkpoint (replay 1,000 commits)",
    ckpt: `snapshot, checkpoint at v${CHECKPOINT_AT} + 9 commits`,
  };
  const rows = VARIANTS.map((v) => [label[v], fmt(cold[v]!.ms), fmt(ms(v)), ratio(ms(v), floor), ratio(ms(v), floorKeep), faults(v)]);
  const verdict = (v: Variant) =>
    `${ratio(ms(v), floor)} the floor (${ms(v) <= 1.5 * floor ? "meets" : "misses"} ≤ 1.5×), ${ratio(ms(v), floorKeep)} floor+keep (${ms(v) <= 1.5 * floorKeep ? "meets" : "misses"} ≤ 1.5×)`;

  const cpu = cpus()[0]?.model ?? "unknown CPU";
  const machine = `${cpus().length} cores (${cpu}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}`;
  console.log(`log: ${COMMITS} commits, ${COMMITS * ADDS_PER_COMMIT} adds, ${(bytes / 2 ** 20).toFixed(1)} MiB JSON; checkpoint ${(checkpointBytes / 2 ** 20).toFixed(1)} MiB`);
  console.log(`machine: ${machine}`);
  console.log(`${"".padEnd(58)} ${"cold".padStart(9)} ${"warm".padStart(9)}  vs floor  vs f+keep  faults/run`);
  for (const [what, c, w, r1, r2, f] of rows) console.log(`${what!.padEnd(58)} ${c!.padStart(9)} ${w!.padStart(9)}  ${r1!.padStart(8)}  ${r2!.padStart(8)}  ${f!.padStart(10)}`);
  console.log(`no checkpoint: ${verdict("plain")}`);
  console.log(`checkpoint:    ${verdict("ckpt")}`);

  if (!process.argv.includes("--no-write")) {
    const path = join(dirname(fileURLToPath(import.meta.url)), "..", "docs", "benchmarks.md");
    const section = [
      "## Delta snapshot",
      "",
      `Synthetic Delta log in memory: ${COMMITS} commits, ${(COMMITS * ADDS_PER_COMMIT).toLocaleString("en")} add actions`,
      `(${(bytes / 2 ** 20).toFixed(1)} MiB of JSON); the checkpoint variant has the same commits plus a classic parquet`,
      `checkpoint at v${CHECKPOINT_AT} (${(checkpointBytes / 2 ** 20).toFixed(1)} MiB, snappy, written by our checkpoint writer).`,
      "Both floors are measured in the same process and rounds as the snapshots. **floor**: fetch every commit,",
      "decode it and `JSON.parse` every line, keeping nothing. **floor+keep**: the same, with the parsed actions kept",
      "alive until the run ends — the least a reader that holds 100k parsed files pays. A snapshot includes",
      "building `snapshot.files`. *Cold*: the variant's first run in a fresh process. *Warm*: median of",
      `${RUNS} interleaved rounds after a warm-up round. Faults: minor page faults per warm run (fresh memory).`,
      "",
      "| what | cold | warm | vs floor | vs floor+keep | faults/run |",
      "|---|---|---|---|---|---|",
      ...rows.map((r) => `| ${r.join(" | ")} |`),
      "",
      `Machine: ${machine}. Measured ${new Date().toISOString().slice(0, 10)}.`,
      "",
      `- No checkpoint: ${verdict("plain")}.`,
      `- Checkpoint: ${verdict("ckpt")}.`,
      "",
      "What the time is (CPU profiles, `node --cpu-prof`, and page-fault counts):",
      "- No checkpoint: replay does not parse a simple add line. It scans out the path for the replay key",
      "  and keeps the line, parsed when the file's `add` is first read (src/delta/raw-add.ts), so a snapshot",
      "  costs less JSON.parse than the floor. What it pays instead: the replay `Map` (~35 ms for 100k fresh",
      "  path keys, measured alone — hashing and growth), keeping every commit's text alive (GC promotion and",
      "  fresh pages: see the faults column) and `snapshot.files`. Before the lazy lines it was 2.07× here.",
      "- Holding the result costs by itself: floor+keep (parsed actions merely kept alive) is 1.2–2× the",
      "  keep-nothing floor. On the AMD EPYC microVM of an earlier run a first touch cost ~30 µs per 4 KiB",
      "  page and floor+keep was 2.05× the floor; on this Intel Xeon pages are cheap.",
      "- Checkpoint: read by our leaf-column reader (src/delta/checkpoint-leaves.ts), not by hyparquet's row",
      "  assembly, which took 7.7 s on the earlier machine (assembling 100k nested `add` structs plus GC).",
      "  Left: pure-JS snappy (~50 ms), building 100k `add` objects and strings, and the same `Map` inserts",
      "  (~60 ms in the profile), which a checkpoint's already-reconciled files would not strictly need.",
      "Figures vary ±30% between runs here because the 2 cores are shared with other work.",
      "Reproduce: `npx tsx bench/delta-snapshot.ts` (rewrites this section; `--no-write` only prints).",
      "",
    ].join("\n");
    let doc = "# Benchmarks\n\n";
    try {
      doc = readFileSync(path, "utf8");
    } catch {
      /* new file */
    }
    const re = /## Delta snapshot\n[\s\S]*?(?=\n## |$)/;
    doc = re.test(doc) ? doc.replace(re, section.trimEnd() + "\n") : `${doc.trimEnd()}\n\n${section}`;
    writeFileSync(path, doc);
    console.log(`updated ${path}`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
