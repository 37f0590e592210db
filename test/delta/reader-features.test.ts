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

describe("column mapping (id mode, synthetic)", () => {
  // Written by hand: our writer does not create column-mapped tables yet (docs/delta.md).
  const url = "memory://cm/ids";
  const field = (name: string, type: unknown, id: number, physical: string) => ({
    name, type, nullable: true, metadata: { "delta.columnMapping.id": id, "delta.columnMapping.physicalName": physical },
  });
  /** Schema with logical names chosen per commit; ids and physical names never change. */
  const schema = (idName: string, infoName: string) =>
    JSON.stringify({
      type: "struct",
      fields: [
        field(idName, "long", 1, "col-7f3a"),
        field("region", "string", 2, "col-19bc"),
        field(infoName, { type: "struct", fields: [field("score", "double", 4, "col-c0de")] }, 3, "col-55e1"),
      ],
    });
  const metaData = (idName: string, infoName: string) => ({
    metaData: {
      id: "00000000-0000-0000-0000-00000000c0de", format: { provider: "parquet", options: {} }, schemaString: schema(idName, infoName),
      partitionColumns: ["region"], configuration: { "delta.columnMapping.mode": "id", "delta.columnMapping.maxColumnId": "4" }, createdTime: 0,
    },
  });
  const lines = (...actions: unknown[]) => utf8(actions.map((a) => JSON.stringify(a)).join("\n") + "\n");
  const mem = new MemoryObjectStore();
  beforeAll(async () => {
    const stats = { numRecords: 2, minValues: { "col-7f3a": 1, "col-55e1": { "col-c0de": 0.5 } }, maxValues: { "col-7f3a": 9 }, nullCount: { "col-7f3a": 0, "col-19bc": 0 } };
    await mem.put(`${url}/_delta_log/00000000000000000000.json`, lines(
      { protocol: { minReaderVersion: 2, minWriterVersion: 5 } },
      metaData("id", "info"),
      { add: { path: "col-19bc=US/part-0.parquet", partitionValues: { "col-19bc": "US" }, size: 10, modificationTime: 0, dataChange: true, stats: JSON.stringify(stats) } },
    ));
    // A rename is a metadata change only: same ids, same physical names, same files.
    await mem.put(`${url}/_delta_log/00000000000000000001.json`, lines(metaData("order_id", "details")));
  });

  it("maps physical names to logical ones through the field ids, and follows a rename", async () => {
    const snap = await loadSnapshot(mem, url);
    const cm = snap.columnMapping;
    expect(cm.mode).toBe("id");
    expect(Object.fromEntries(cm.fieldIds)).toEqual({ order_id: 1, region: 2, details: 3 });
    expect(Object.fromEntries(cm.physicalToLogical)).toEqual({ "col-7f3a": "order_id", "col-19bc": "region", "col-55e1": "details" });
    // The physical schema (what the data files hold) keeps each field's id, nested ones too,
    // so a parquet reader can match columns by id rather than by name.
    const phys = snap.physicalSchema.fields;
    expect(phys.map((f) => [f.name, f.metadata["delta.columnMapping.id"]])).toEqual([["col-7f3a", 1], ["col-19bc", 2], ["col-55e1", 3]]);
    const nested = phys[2]!.type;
    expect(nested.kind === "struct" && nested.fields.map((f) => [f.name, f.metadata["delta.columnMapping.id"]])).toEqual([["col-c0de", 4]]);
    // Partition values and stats, stored under physical names, come back under today's logical names.
    const [file] = snap.files;
    expect(snap.partitionValues(file!)).toEqual({ region: "US" });
    const stats = snap.stats(file!)!;
    expect(stats.minValues).toEqual({ order_id: 1, details: { score: 0.5 } });
    expect(Object.keys(stats.nullCount)).not.toContain("col-7f3a");
    // Before the rename, the same physical columns had the old logical names.
    const v0 = await loadSnapshot(mem, url, { version: 0 });
    expect(Object.fromEntries(v0.columnMapping.physicalToLogical)).toMatchObject({ "col-7f3a": "id", "col-55e1": "info" });
    expect(v0.stats(v0.files[0]!)!.minValues).toMatchObject({ id: 1, info: { score: 0.5 } });
  });

  it("refuses id mode when a column has no field id", async () => {
    const broken = "memory://cm/broken";
    const meta = metaData("id", "info");
    const s = JSON.parse(meta.metaData.schemaString);
    delete s.fields[0].metadata["delta.columnMapping.id"];
    await mem.put(`${broken}/_delta_log/00000000000000000000.json`, lines({ protocol: { minReaderVersion: 2, minWriterVersion: 5 } }, { metaData: { ...meta.metaData, schemaString: JSON.stringify(s) } }));
    const snap = await loadSnapshot(mem, broken);
    expect(() => snap.columnMapping).toThrow(/requires delta\.columnMapping\.id on every column/);
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
