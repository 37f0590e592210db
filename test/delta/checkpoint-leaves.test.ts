import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, gzipSync } from "node:zlib";
import { parquetWriteBuffer } from "hyparquet-writer";
import { describe, expect, it } from "vitest";
import type { Action } from "../../src/delta/actions";
import { readCheckpointLeaves, type CheckpointSink } from "../../src/delta/checkpoint-leaves";
import { CHECKPOINT_READ_COLUMNS, readCheckpointRows } from "../../src/delta/checkpoint-reader";
import { CHECKPOINT_COLUMNS, checkpointParquetSchema } from "../../src/delta/checkpoint-schema";
import { decodeHybrid, UnsupportedLayout } from "../../src/delta/parquet-encodings";
import { loadSnapshot } from "../../src/delta/load-snapshot";
import { MemoryObjectStore } from "../../src/storage/memory";
import { HAVE_TESTDATA, TESTDATA_DIR } from "../support/delta-testdata";

/**
 * The leaf-column checkpoint reader (checkpoint-leaves.ts) must give exactly the actions of
 * the generic hyparquet path (readCheckpointRows), in the same order — on Spark's
 * checkpoints (v1 pages, dictionaries) and on hyparquet-writer's (v2 pages), across page and
 * row-group boundaries, for every codec — and hand layouts it does not read to that path.
 */

class Collect implements CheckpointSink {
  readonly actions: Action[] = [];
  add(add: Action["add"] & object): void {
    this.actions.push({ add });
  }
  remove(remove: Action["remove"] & object): void {
    this.actions.push({ remove });
  }
  other(action: Action): void {
    this.actions.push(action);
  }
}

const buffer = (b: Uint8Array) => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;

function viaLeaves(bytes: Uint8Array, columns: readonly string[] = CHECKPOINT_READ_COLUMNS): Action[] {
  const sink = new Collect();
  readCheckpointLeaves(buffer(bytes), columns, sink);
  return sink.actions;
}

async function viaHyparquet(bytes: Uint8Array, columns: readonly string[] = CHECKPOINT_READ_COLUMNS): Promise<Action[]> {
  const sink = new Collect();
  await readCheckpointRows(bytes, "test.parquet", columns, sink);
  return sink.actions;
}

const dv = (i: number) => ({ storageType: "u", pathOrInlineDv: `ab^-aqEH.-t@S}K{vb[*k${i}`, offset: i % 2 ? 1 : null, sizeInBytes: 36 + i, cardinality: BigInt(i), maxRowIndex: i % 3 ? null : BigInt(99) });

/** Checkpoint rows with every shape replay reads: nulls, empty/multi-key maps, DVs, tags, removes. */
function rows(n: number): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [
    { protocol: { minReaderVersion: 3, minWriterVersion: 7, readerFeatures: ["deletionVectors"], writerFeatures: ["deletionVectors", "domainMetadata"] } },
    {
      metaData: {
        id: "t", name: null, description: "d", format: { provider: "parquet", options: {} }, schemaString: '{"type":"struct","fields":[]}',
        partitionColumns: ["day", "ü"], configuration: { "delta.enableDeletionVectors": "true" }, createdTime: 1_700_000_000_000n,
      },
    },
    { txn: { appId: "stream", version: 7n, lastUpdated: null } },
    { domainMetadata: { domain: "delta.clustering", configuration: "{}", removed: false } },
  ];
  for (let i = 0; i < n; i++) {
    const path = i % 97 === 5 ? `day=2024-01-0${i % 9}/ü-part-${i}.parquet` : `day=2024-01-0${i % 9}/part-${String(i).padStart(5, "0")}-c000.snappy.parquet`;
    if (i % 11 === 3) {
      out.push({ remove: { path, deletionTimestamp: BigInt(1_700_000_000_000 + i), dataChange: true, extendedFileMetadata: i % 2 === 0, partitionValues: i % 2 ? { day: "x" } : null, size: i % 2 ? BigInt(i) : null, deletionVector: i % 4 === 3 ? dv(i) : null, baseRowId: null, defaultRowCommitVersion: null } });
      continue;
    }
    const partitionValues = i % 13 === 0 ? {} : i % 7 === 0 ? { day: null, "ü": "é" } : { day: `2024-01-0${i % 9}`, "ü": `v${i % 3}` };
    out.push({
      add: {
        path, partitionValues, size: BigInt(10_000 + i), modificationTime: BigInt(1_700_000_000_000 + i), dataChange: i % 5 !== 0,
        stats: i % 17 === 0 ? null : JSON.stringify({ numRecords: i, minValues: { id: i }, maxValues: { id: i + 9, s: "ä€😀" }, nullCount: { id: 0 } }),
        tags: i % 6 === 0 ? { INSERTION_TIME: String(i), OPTIMIZE_TARGET_SIZE: "1" } : null,
        deletionVector: i % 4 === 1 ? dv(i) : null, baseRowId: i % 8 === 0 ? BigInt(i * 10) : null, defaultRowCommitVersion: i % 8 === 0 ? 3n : null,
        clusteringProvider: i % 9 === 0 ? "liquid" : null,
      },
    });
  }
  return out;
}

function write(data: Record<string, unknown>[], options: { pageSize?: number; rowGroupSize?: number; codec?: string; compressors?: Record<string, (b: Uint8Array) => Uint8Array> } = {}): Uint8Array {
  const columnData = CHECKPOINT_COLUMNS.map((name) => ({ name, data: data.map((r) => (r[name] === undefined ? null : r[name])) }));
  const buf = parquetWriteBuffer({ columnData, schema: checkpointParquetSchema(), statistics: false, ...options } as Parameters<typeof parquetWriteBuffer>[0]);
  return new Uint8Array(buf);
}

describe("checkpoint leaf reader", () => {
  it("matches the hyparquet path across small pages and row groups (maps spanning pages)", async () => {
    const bytes = write(rows(700), { pageSize: 300, rowGroupSize: 97 });
    const fast = viaLeaves(bytes);
    expect(fast.length).toBe(704);
    expect(fast).toEqual(await viaHyparquet(bytes));
    // Spot checks of shapes, not just agreement.
    const adds = fast.filter((a) => a.add).map((a) => a.add!);
    expect(adds.find((a) => a.path.includes("part-00013-"))!.partitionValues).toEqual({});
    expect(adds.find((a) => a.path.includes("part-00007-"))!.partitionValues).toEqual({ day: null, "ü": "é" });
    expect(adds.find((a) => a.path.includes("ü-part-199"))).toBeDefined();
    expect(adds.find((a) => a.path.includes("part-00001-"))!.deletionVector).toEqual({ storageType: "u", pathOrInlineDv: "ab^-aqEH.-t@S}K{vb[*k1", offset: 1, sizeInBytes: 37, cardinality: 1 });
    expect(adds.find((a) => a.path.includes("part-00017-"))!.stats).toBeUndefined();
    expect(JSON.parse(adds.find((a) => a.path.includes("part-00001-"))!.stats!).maxValues.s).toBe("ä€😀");
    expect(fast.find((a) => a.txn)!.txn).toEqual({ appId: "stream", version: 7 });
  });

  it.each([
    ["UNCOMPRESSED", {}],
    ["SNAPPY", {}],
    ["GZIP", { GZIP: (b: Uint8Array) => new Uint8Array(gzipSync(b)) }],
    ["BROTLI", { BROTLI: (b: Uint8Array) => new Uint8Array(brotliCompressSync(b)) }],
  ])("reads %s pages with the pure-JS codecs", async (codec, compressors) => {
    const bytes = write(rows(150), { codec, compressors, pageSize: 2000 });
    expect(viaLeaves(bytes)).toEqual(await viaHyparquet(bytes));
  });

  it("leaves typed stats_parsed (no JSON stats) to hyparquet, and loadSnapshot still gets them", async () => {
    const schema = checkpointParquetSchema();
    // add gains a stats_parsed struct {numRecords: long}, after clusteringProvider.
    const at = schema.findIndex((e) => e.name === "clusteringProvider");
    schema.splice(at + 1, 0, { name: "stats_parsed", repetition_type: "OPTIONAL", num_children: 1 }, { name: "numRecords", type: "INT64", repetition_type: "OPTIONAL" });
    schema.find((e) => e.name === "add")!.num_children! += 1;
    const data = rows(20).map((r) => (r.add ? { add: { ...(r.add as object), stats: null, stats_parsed: { numRecords: 5n } } } : r));
    const columnData = CHECKPOINT_COLUMNS.map((name) => ({ name, data: data.map((r) => r[name] ?? null) }));
    const bytes = new Uint8Array(parquetWriteBuffer({ columnData, schema, statistics: false }));
    expect(() => viaLeaves(bytes)).toThrow(UnsupportedLayout);

    const store = new MemoryObjectStore();
    const url = "memory://leaves/parsed";
    await store.put(`${url}/_delta_log/00000000000000000003.checkpoint.parquet`, bytes);
    await store.put(`${url}/_delta_log/00000000000000000003.json`, new TextEncoder().encode(JSON.stringify({ commitInfo: {} })));
    const snap = await loadSnapshot(store, url);
    expect(snap.numFiles).toBe(rows(20).filter((r) => r.add).length);
    expect(snap.files.every((f) => f.add.stats_parsed?.numRecords === 5 && f.add.stats === undefined)).toBe(true);
  });

  it("a damaged checkpoint is still a DELTA_LOG_CORRUPT error naming the file", async () => {
    const bytes = write(rows(50));
    const store = new MemoryObjectStore();
    const url = "memory://leaves/damaged";
    const damaged = bytes.slice();
    damaged.fill(7, 200, 900); // page headers and data, footer intact
    await store.put(`${url}/_delta_log/00000000000000000001.checkpoint.parquet`, damaged);
    await store.put(`${url}/_delta_log/00000000000000000001.json`, new TextEncoder().encode(JSON.stringify({ commitInfo: {} })));
    await expect(loadSnapshot(store, url)).rejects.toMatchObject({ code: "DELTA_LOG_CORRUPT", message: expect.stringContaining("00000000000000000001.checkpoint.parquet") });
  });

  it("decodes RLE and bit-packed runs, including a last run cut short", () => {
    // bit-packed run of 1 group (8 values, width 3) holding 0..7, then an RLE run of 5 × 6.
    const bytes = Uint8Array.from([0x03, 0b10001000, 0b11000110, 0b11111010, 0x0a, 0x06]);
    const out = new Uint8Array(13);
    decodeHybrid(bytes, 0, bytes.length, 3, out, 0, 13);
    expect([...out]).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 6, 6, 6, 6, 6]);
    // Only 3 values wanted from a run whose padding bytes are missing.
    const short = new Uint8Array(3);
    decodeHybrid(bytes.subarray(0, 3), 0, 3, 3, short, 0, 3);
    expect([...short]).toEqual([0, 1, 2]);
    expect(() => decodeHybrid(bytes.subarray(0, 2), 0, 2, 3, new Uint8Array(8), 0, 8)).toThrow(/truncated/);
  });
});

/** Every parquet checkpoint and sidecar of the shared tables (Spark / delta-kernel written). */
function sharedCheckpoints(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith(".parquet") && path.includes("_delta_log")) out.push(path);
    }
  };
  if (HAVE_TESTDATA) walk(TESTDATA_DIR);
  return out;
}

describe.skipIf(!HAVE_TESTDATA)("checkpoint leaf reader on the shared tables", () => {
  it("reads every Spark/kernel checkpoint itself and agrees with hyparquet", async () => {
    const files = sharedCheckpoints();
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const bytes = new Uint8Array(readFileSync(file));
      const columns = file.includes("_sidecars") ? ["add", "remove"] : CHECKPOINT_READ_COLUMNS;
      expect(viaLeaves(bytes, columns), file).toEqual(await viaHyparquet(bytes, columns));
    }
  });
});
