/**
 * Benchmark: Delta snapshot construction vs the cost of just reading and JSON-parsing the log.
 *
 *   npx tsx bench/delta-snapshot.ts            # prints figures, updates docs/benchmarks.md
 *   npx tsx bench/delta-snapshot.ts --no-write # prints only
 *
 * Synthetic table in a MemoryObjectStore: 1,000 commits (v0..v999), 100 `add` actions each
 * (100,000 adds), each commit with commitInfo, realistic stats strings and a partition value.
 * Variant B additionally has a classic parquet checkpoint at v990 written by our writer.
 * Floor = read every commit object + decode UTF-8 + JSON.parse every line, nothing else.
 */
import { readFile, writeFile } from "node:fs/promises";
import { cpus, totalmem } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parquetReadObjects } from "hyparquet";
import { compressors } from "hyparquet-compressors";
import { encodeCheckpoint } from "../src/delta/checkpoint-writer";
import { checkpointFileName, commitFileName } from "../src/delta/filenames";
import { loadSnapshot } from "../src/delta/load-snapshot";
import { MemoryObjectStore } from "../src/storage/memory";

const COMMITS = 1000;
const ADDS_PER_COMMIT = 100;
const CHECKPOINT_AT = 990;
const RUNS = 7;
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

async function buildTables() {
  const store = new MemoryObjectStore();
  let bytes = 0;
  for (const url of ["memory://bench/plain", "memory://bench/ckpt"]) {
    for (let v = 0; v < COMMITS; v++) {
      const body = enc.encode(commitBody(v));
      if (url.endsWith("plain")) bytes += body.byteLength;
      await store.put(`${url}/_delta_log/${commitFileName(v)}`, body);
    }
  }
  const at = await loadSnapshot(store, "memory://bench/ckpt", { version: CHECKPOINT_AT });
  const ckpt = encodeCheckpoint(at);
  await store.put(`memory://bench/ckpt/_delta_log/${checkpointFileName(CHECKPOINT_AT)}`, ckpt.data);
  return { store, bytes, checkpointBytes: ckpt.data.byteLength };
}

/** The floor: fetch + decode + JSON.parse every line of the given commits. */
async function floorJson(store: MemoryObjectStore, url: string, from: number, to: number): Promise<number> {
  const dec = new TextDecoder();
  let count = 0;
  for (let v = from; v <= to; v++) {
    const text = dec.decode(await store.get(`${url}/_delta_log/${commitFileName(v)}`));
    for (const line of text.split("\n")) if (line) { JSON.parse(line); count++; }
  }
  return count;
}

async function floorCheckpoint(store: MemoryObjectStore): Promise<void> {
  const b = await store.get(`memory://bench/ckpt/_delta_log/${checkpointFileName(CHECKPOINT_AT)}`);
  await parquetReadObjects({ file: b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer, compressors });
  await floorJson(store, "memory://bench/ckpt", CHECKPOINT_AT + 1, COMMITS - 1);
}

async function median(fn: () => Promise<unknown>): Promise<number> {
  await fn(); // warm-up (JIT)
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

const { store, bytes, checkpointBytes } = await buildTables();
const check = await loadSnapshot(store, "memory://bench/plain");
if (check.numFiles !== COMMITS * ADDS_PER_COMMIT || check.version !== COMMITS - 1) throw new Error("bench table is wrong");

const floor = await median(() => floorJson(store, "memory://bench/plain", 0, COMMITS - 1));
const plain = await median(() => loadSnapshot(store, "memory://bench/plain").then((s) => s.files.length));
const ckptFloor = await median(() => floorCheckpoint(store));
const withCkpt = await median(() => loadSnapshot(store, "memory://bench/ckpt").then((s) => s.files.length));

const fmt = (ms: number) => `${ms.toFixed(0)} ms`;
const cpu = cpus()[0]?.model ?? "unknown CPU";
const machine = `${cpus().length} cores (${cpu}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}`;
const rows = [
  ["floor: read + JSON.parse all 1,000 commits", fmt(floor), "1.00×"],
  ["snapshot, no checkpoint (replay 1,000 commits)", fmt(plain), `${(plain / floor).toFixed(2)}×`],
  ["floor B: read + decode checkpoint parquet + JSON.parse 9 commits", fmt(ckptFloor), `${(ckptFloor / floor).toFixed(2)}×`],
  [`snapshot, checkpoint at v${CHECKPOINT_AT} + 9 commits`, fmt(withCkpt), `${(withCkpt / floor).toFixed(2)}× (${(withCkpt / ckptFloor).toFixed(2)}× floor B)`],
];
console.log(`log: ${COMMITS} commits, ${COMMITS * ADDS_PER_COMMIT} adds, ${(bytes / 2 ** 20).toFixed(1)} MiB JSON; checkpoint ${(checkpointBytes / 2 ** 20).toFixed(1)} MiB`);
console.log(`machine: ${machine}`);
for (const [what, t, r] of rows) console.log(`${what.padEnd(66)} ${t!.padStart(8)}  ${r}`);

if (!process.argv.includes("--no-write")) {
  const path = join(dirname(fileURLToPath(import.meta.url)), "..", "docs", "benchmarks.md");
  const section = [
    "## Delta snapshot",
    "",
    `Synthetic Delta log in memory: ${COMMITS} commits, ${(COMMITS * ADDS_PER_COMMIT).toLocaleString("en")} add actions`,
    `(${(bytes / 2 ** 20).toFixed(1)} MiB of JSON); the checkpoint variant has a classic parquet checkpoint at`,
    `v${CHECKPOINT_AT} (${(checkpointBytes / 2 ** 20).toFixed(1)} MiB, written by our checkpoint writer). Median of ${RUNS} runs after a warm-up.`,
    "The floor is the least any reader must do: fetch every commit object, decode it and `JSON.parse` every line.",
    "",
    "| what | time | vs floor |",
    "|---|---|---|",
    ...rows.map(([a, b, c]) => `| ${a} | ${b} | ${c} |`),
    "",
    `Machine: ${machine}. Measured ${new Date().toISOString().slice(0, 10)}.`,
    "",
    "**Target (≤ 1.5× the floor) is missed.** Profiles (`node --cpu-prof`) of the no-checkpoint replay:",
    "JSON.parse of the lines is the floor itself; the rest is (a) garbage collection of what a",
    "snapshot must keep alive — 100,000 parsed `add` objects with their path/stats strings survive",
    "young-generation collections, while the floor discards everything — and (b) inserting 100,000",
    "fresh string keys into the replay `Map` (≈ 40–90 ms alone on this machine, about the whole floor).",
    "Stats are never parsed during replay and file URLs are built lazily. A lazy variant that scanned",
    "the UTF-8 bytes for `path`/`deletionVector` and kept only byte ranges (parsing the rest on demand)",
    "was measured and was *slower* (JS byte scanning over stats strings cost more than native",
    "JSON.parse), so it was not kept. With a checkpoint, time is dominated by hyparquet decoding the",
    "nested `add` struct (profile: `assembleLists`, `invertStruct` and GC in hyparquet); our replay",
    "adds little on top of that decode (floor B). Next steps: read only needed leaf columns of the",
    "checkpoint without nested assembly, and a typed-array hash set for replay keys.",
    "Figures vary ±30% between runs here because the 2 cores are shared with other work.",
    "Reproduce: `npx tsx bench/delta-snapshot.ts` (rewrites this section; `--no-write` only prints).",
    "",
  ].join("\n");
  let doc = "# Benchmarks\n\n";
  try {
    doc = await readFile(path, "utf8");
  } catch {
    /* new file */
  }
  const re = /## Delta snapshot\n[\s\S]*?(?=\n## |$)/;
  doc = re.test(doc) ? doc.replace(re, section.trimEnd() + "\n") : `${doc.trimEnd()}\n\n${section}`;
  await writeFile(path, doc);
  console.log(`updated ${path}`);
}
