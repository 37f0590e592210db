import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadSnapshot } from "../../src/delta/load-snapshot";
import { parsePartitionValue } from "../../src/delta/partition-values";
import { LocalObjectStore } from "../../src/node/local-store";
import { MemoryObjectStore } from "../../src/storage/memory";
import { TestDuckDb } from "../support/delta-duckdb";
import { copyDirToMemory, utf8 } from "../support/delta-memory";
import { expectedOf, HAVE_TESTDATA, TESTDATA_DIR, tableUrlOf } from "../support/delta-testdata";

const store = new LocalObjectStore();
let duck: TestDuckDb;
beforeAll(async () => {
  duck = await TestDuckDb.open();
});

describe.skipIf(!HAVE_TESTDATA)("column mapping (name mode)", () => {
  const name = "golden-table-with-columnmapping-mode-name";
  it("exposes logical→physical names that match the data files, and stats by logical name", async () => {
    const snap = await loadSnapshot(store, tableUrlOf(name));
    const cm = snap.columnMapping;
    expect(cm.mode).toBe("name");
    expect(cm.logicalToPhysical.size).toBe(snap.schema.fields.length);
    const physical = [...cm.logicalToPhysical.values()];
    expect(physical.every((p) => p.startsWith("col-"))).toBe(true);
    expect(cm.fieldIds.get("ByteType")).toBe(1);
    // The parquet files have exactly the physical top-level names.
    const cols = (await duck.columns(snap.files[0]!.url)).map((c) => c.name);
    expect(cols.sort()).toEqual([...physical].sort());
    // Nested fields are renamed too in the physical schema.
    const nested = snap.physicalSchema.fields.find((f) => f.name === cm.logicalToPhysical.get("nested_struct"))!;
    expect(nested.type.kind === "struct" && nested.type.fields.every((f) => f.name.startsWith("col-"))).toBe(true);
    // Stats come back keyed by logical names.
    const stats = snap.stats(snap.files[0]!)!;
    expect(stats.numRecords).toBeGreaterThan(0);
    expect(Object.keys(stats.nullCount)).toContain("ByteType");
    expect(Object.keys(stats.nullCount).some((k) => k.startsWith("col-"))).toBe(false);
    const nestedNulls = stats.nullCount.nested_struct as Record<string, unknown>;
    expect(Object.keys(nestedNulls)).toContain("aa");
  });
});

describe.skipIf(!HAVE_TESTDATA)("typed partition values", () => {
  it("golden-data-reader-partition-values: every type, and nulls", async () => {
    const snap = await loadSnapshot(store, tableUrlOf("golden-data-reader-partition-values"));
    const values = snap.files.map((f) => snap.partitionValues(f));
    const zero = values.find((v) => v.as_int === 0)!;
    expect(zero).toMatchObject({ as_int: 0, as_byte: 0, as_short: 0, as_long: 0n, as_float: 0, as_double: 0, as_boolean: true, as_date: "2021-09-08", as_string: "0", as_string_lit_null: "null", as_big_decimal: "0" });
    expect(zero.as_timestamp).toBe(Date.UTC(2021, 8, 8, 11, 11, 11) * 1000);
    expect(values.some((v) => Object.values(v).every((x) => x === null))).toBe(true);
  });

  it("drs-partition-type-primitives: string-typed partitions keep their text ('2021.0', 'true')", async () => {
    const snap = await loadSnapshot(store, tableUrlOf("drs-partition-type-primitives"));
    const years = new Set(snap.files.map((f) => snap.partitionValues(f).year));
    expect([...years].sort()).toEqual(["2020", "2021.0"]);
    for (const f of snap.files) expect(["true", "false"]).toContain(snap.partitionValues(f).is_active);
  });

  it("dat-multi-partitioned: escaped directories resolve to the real objects", async () => {
    const snap = await loadSnapshot(store, tableUrlOf("dat-multi-partitioned"));
    const odd = snap.files.find((f) => snap.rawPartitionValues(f).letter === "/%20%f")!;
    expect(odd.url).toContain("letter=%2F%2520%25f/");
    expect(await duck.countRows([odd.url])).toBe(1);
    const emoji = snap.files.find((f) => f.url.includes("😈"))!;
    expect(new TextDecoder().decode(snap.partitionValues(emoji).data as Uint8Array)).toBe("😈");
  });

  it("parses each serialization form", () => {
    const p = (raw: string | null, type: string) => parsePartitionValue(raw, JSON.parse(JSON.stringify({ kind: "primitive", name: type })), "c");
    expect(p("", "integer")).toBeNull();
    expect(p("-5", "integer")).toBe(-5);
    expect(p("9007199254740993", "long")).toBe(9007199254740993n);
    expect(p("NaN", "double")).toBeNaN();
    expect(p("-Infinity", "float")).toBe(-Infinity);
    expect(p("1970-01-01T00:00:00.123456Z", "timestamp")).toBe(123456);
    expect(p("1970-01-01 00:00:01", "timestamp_ntz")).toBe(1_000_000);
    expect(parsePartitionValue("12.000000000000000000", { kind: "decimal", precision: 38, scale: 18 }, "d")).toBe("12.000000000000000000");
    expect(() => p("abc", "integer")).toThrow(/not a valid integer/);
  });
});

describe.skipIf(!HAVE_TESTDATA)("checkpoint kinds", () => {
  const name = "kernel-v2-checkpoints-parquet-with-sidecars";
  const LOG = "_delta_log/";

  it("a v2 JSON manifest with parquet sidecars gives the same snapshot as the parquet manifest", async () => {
    const mem = new MemoryObjectStore();
    const url = "memory://ckpt/v2json";
    await copyDirToMemory(mem, join(TESTDATA_DIR, name, "delta"), url);
    const exp = expectedOf(name).versions["6"]!;
    const manifest = "00000000000000000006.checkpoint.f15b9025-707a-4c73-aac0-31dfcbd29aa6.parquet";
    const fromParquet = await loadSnapshot(mem, url);
    await mem.delete(`${url}/${LOG}${manifest}`);
    const lines = [
      { checkpointMetadata: { version: 6 } },
      { protocol: fromParquet.protocol },
      { metaData: fromParquet.metadata },
      ...(exp.readFrom as unknown as { sidecars: string[] }).sidecars.map((s) => ({ sidecar: { path: s, sizeInBytes: 1, modificationTime: 1 } })),
    ];
    await mem.put(`${url}/${LOG}00000000000000000006.checkpoint.11111111-2222-3333-4444-555555555555.json`, utf8(lines.map((l) => JSON.stringify(l)).join("\n")));
    await mem.delete(`${url}/${LOG}_last_checkpoint`);
    const fromJson = await loadSnapshot(mem, url);
    expect(fromJson.source.checkpointVersion).toBe(6);
    expect(fromJson.source.commitVersions).toEqual([]);
    expect(fromJson.numFiles).toBe(exp.numFiles);
    expect(fromJson.files.map((f) => f.add.path).sort()).toEqual(fromParquet.files.map((f) => f.add.path).sort());
    expect(fromJson.numRecords()).toBe(exp.sumNumRecords);
  });

  it("kernel-compacted-log-files-table: compacted files are ignored and plain replay is exact", async () => {
    const snap = await loadSnapshot(store, tableUrlOf("kernel-compacted-log-files-table"));
    expect(snap.source.commitVersions).toHaveLength(26);
  });
});
