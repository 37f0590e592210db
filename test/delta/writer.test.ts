import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parquetReadObjects } from "hyparquet";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readActionsFile } from "../../src/delta/commit-reader";
import { isDeltaError } from "../../src/delta/errors";
import { loadSnapshot } from "../../src/delta/load-snapshot";
import type { StructType } from "../../src/delta/schema";
import { appendFiles, createTable, removeFiles, type NewDataFile } from "../../src/delta/writer";
import { LocalObjectStore } from "../../src/node/local-store";
import { MemoryObjectStore } from "../../src/storage/memory";
import type { ObjectStore } from "../../src/storage/object-store";
import { S3ObjectStore } from "../../src/storage/s3";
import { TestDuckDb, toPath } from "../support/delta-duckdb";
import { text, utf8 } from "../support/delta-memory";
import { startS3TestServer, type S3TestServer } from "../support/s3-server";

const SCHEMA: StructType = {
  kind: "struct",
  fields: [
    { name: "id", type: { kind: "primitive", name: "long" }, nullable: false, metadata: {} },
    { name: "price", type: { kind: "decimal", precision: 10, scale: 2 }, nullable: true, metadata: { comment: "unit price" } },
    { name: "tags", type: { kind: "array", elementType: { kind: "primitive", name: "string" }, containsNull: true }, nullable: true, metadata: {} },
    { name: "addr", type: { kind: "struct", fields: [{ name: "city", type: { kind: "primitive", name: "string" }, nullable: true, metadata: {} }] }, nullable: true, metadata: {} },
    { name: "day", type: { kind: "primitive", name: "date" }, nullable: true, metadata: {} },
  ],
};
const file = (i: number, day: string | null = "2024-01-01"): NewDataFile => ({
  path: `day=${day ?? "__HIVE_DEFAULT_PARTITION__"}/part-${i}.parquet`,
  size: 100 + i,
  partitionValues: { day },
  stats: { numRecords: i + 1, minValues: { id: i, addr: { city: "A" } }, maxValues: { id: i + 10, addr: { city: "Z" } }, nullCount: { id: 0 } },
});

let s3server: S3TestServer;
let duck: TestDuckDb;
const dirs: string[] = [];
beforeAll(async () => {
  s3server = await startS3TestServer({ buckets: ["lake"] });
  duck = await TestDuckDb.open();
});
afterAll(async () => {
  await s3server.close();
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});
const tempDir = async () => {
  const d = await mkdtemp(join(tmpdir(), "lakeward-writer-"));
  dirs.push(d);
  return d;
};

type Backend = { name: string; make: () => Promise<{ store: ObjectStore; url: string }> };
let n = 0;
const backends: Backend[] = [
  { name: "memory", make: async () => ({ store: new MemoryObjectStore(), url: `memory://w/t${++n}` }) },
  { name: "local fs", make: async () => ({ store: new LocalObjectStore(), url: `file://${await tempDir()}/t` }) },
  {
    name: "S3",
    make: async () => ({
      store: new S3ObjectStore({ region: s3server.region, endpoint: s3server.endpoint, forcePathStyle: true, credentials: s3server.credentials }),
      url: `s3://lake/w/t${++n}`,
    }),
  },
];

/** Holds putIfAbsent calls until `parties` of them arrived, so racing writers both read the same version first. */
function racingStore(inner: ObjectStore, parties: number): ObjectStore {
  let waiting: (() => void)[] = [];
  let armed = true;
  return new Proxy(inner, {
    get(target, prop, receiver) {
      if (prop !== "putIfAbsent") return Reflect.get(target, prop, receiver);
      return async (url: string, data: Uint8Array) => {
        if (armed) {
          await new Promise<void>((resolve) => {
            waiting.push(resolve);
            if (waiting.length >= parties) {
              armed = false;
              waiting.forEach((r) => r());
              waiting = [];
            }
          });
        }
        return target.putIfAbsent(url, data);
      };
    },
  });
}

for (const backend of backends) {
  describe(`Delta writer on ${backend.name}`, () => {
    it("create, append, remove, reopen and time-travel; every commit starts with commitInfo", async () => {
      const { store, url } = await backend.make();
      expect((await createTable(store, url, { schema: SCHEMA, partitionColumns: ["day"], configuration: { "delta.appendOnly": "false" } })).version).toBe(0);
      expect((await appendFiles(store, url, [file(0), file(1)])).version).toBe(1);
      expect((await appendFiles(store, url, [file(2, null)])).version).toBe(2);
      const v2 = await loadSnapshot(store, url);
      expect(v2.version).toBe(2);
      expect(v2.schema).toEqual(SCHEMA);
      expect(v2.numFiles).toBe(3);
      expect(v2.numRecords()).toBe(1 + 2 + 3);
      const f2 = v2.files.find((f) => f.add.path.includes("part-2"))!;
      expect(v2.partitionValues(f2)).toEqual({ day: null });
      expect(v2.stats(f2)).toMatchObject({ numRecords: 3, minValues: { id: 2, addr: { city: "A" } } });
      const f0 = v2.files.find((f) => f.add.path.includes("part-0"))!;
      expect(v2.partitionValues(f0)).toEqual({ day: "2024-01-01" });
      expect(f0.url).toBe(`${url}/day=2024-01-01/part-0.parquet`);

      expect((await removeFiles(store, url, [f0.add.path])).version).toBe(3);
      const v3 = await loadSnapshot(store, url);
      expect(v3.numFiles).toBe(2);
      expect(v3.tombstones.map((t) => t.path)).toEqual([f0.add.path]);
      expect((await loadSnapshot(store, url, { version: 1 })).numFiles).toBe(2);
      expect((await loadSnapshot(store, url, { version: 0 })).numFiles).toBe(0);

      for (let v = 0; v <= 3; v++) {
        const actions = await readActionsFile(store, `${url}/_delta_log/${String(v).padStart(20, "0")}.json`);
        expect(Object.keys(actions[0]!)).toEqual(["commitInfo"]);
        expect(actions[0]!.commitInfo!.operation).toBe(["CREATE TABLE", "WRITE", "WRITE", "DELETE"][v]);
      }
      const err = await createTable(store, url, { schema: SCHEMA }).catch((e: unknown) => e);
      expect(isDeltaError(err, "DELTA_TABLE_EXISTS")).toBe(true);
    });

    it("checkpoints at version 10, updates _last_checkpoint, and reads back identically", async () => {
      const { store, url } = await backend.make();
      await createTable(store, url, { schema: SCHEMA, partitionColumns: ["day"] });
      let result;
      for (let i = 1; i <= 12; i++) {
        result = await appendFiles(store, url, [file(i)], { txn: { appId: "stream-1", version: i } });
        if (i === 5) await removeFiles(store, url, [`day=2024-01-01/part-3.parquet`]).then((r) => expect(r.version).toBe(6));
        if (result.version === 10) expect(result.checkpoint?.version).toBe(10);
        else expect(result.checkpoint).toBeUndefined();
      }
      expect(result!.version).toBe(13);
      const hint = JSON.parse(text(await store.get(`${url}/_delta_log/_last_checkpoint`)));
      // v1–v5 and v7–v10 appended part-1..part-9; v6 removed part-3.
      expect(hint).toMatchObject({ version: 10, numOfAddFiles: 8, size: 2 + 8 + 1 + 1 }); // protocol, metaData, adds, txn, tombstone
      const snap = await loadSnapshot(store, url);
      expect(snap.source.checkpointVersion).toBe(10);
      expect(snap.source.commitVersions).toEqual([11, 12, 13]);
      expect(snap.txns.get("stream-1")?.version).toBe(12);
      // Same state without the checkpoint: replay from version 0.
      await store.delete(`${url}/_delta_log/00000000000000000010.checkpoint.parquet`);
      const replayed = await loadSnapshot(store, url);
      expect(replayed.source.checkpointVersion).toBeUndefined();
      expect(replayed.files.map((f) => f.add).sort((a, b) => a.path.localeCompare(b.path)))
        .toEqual(snap.files.map((f) => f.add).sort((a, b) => a.path.localeCompare(b.path)));
      const withoutNulls = (o: object) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null));
      expect(withoutNulls(replayed.metadata)).toEqual(withoutNulls(snap.metadata));
      expect(replayed.protocol).toEqual(snap.protocol);
    });

    it("two blind appends racing on the same version: one wins, the other retries", async () => {
      const { store, url } = await backend.make();
      await createTable(store, url, { schema: SCHEMA, partitionColumns: ["day"] });
      const racing = racingStore(store, 2);
      const results = await Promise.all([appendFiles(racing, url, [file(1)]), appendFiles(racing, url, [file(2)])]);
      expect(results.map((r) => r.version).sort()).toEqual([1, 2]);
      expect(results.filter((r) => r.retriedOver.length === 1)).toHaveLength(1);
      const snap = await loadSnapshot(store, url);
      expect(snap.version).toBe(2);
      expect(snap.numFiles).toBe(2);
    });

    it("a delete racing an append: exactly one commits, the loser fails with DELTA_COMMIT_CONFLICT", async () => {
      const { store, url } = await backend.make();
      await createTable(store, url, { schema: SCHEMA, partitionColumns: ["day"] });
      await appendFiles(store, url, [file(1)]);
      const racing = racingStore(store, 2);
      const outcomes = await Promise.allSettled([
        removeFiles(racing, url, ["day=2024-01-01/part-1.parquet"]),
        appendFiles(racing, url, [file(2)]),
      ]);
      const ok = outcomes.filter((o) => o.status === "fulfilled");
      const failed = outcomes.filter((o): o is PromiseRejectedResult => o.status === "rejected");
      expect(ok).toHaveLength(1);
      expect(failed).toHaveLength(1);
      expect(isDeltaError(failed[0]!.reason, "DELTA_COMMIT_CONFLICT")).toBe(true);
      const snap = await loadSnapshot(store, url);
      expect(snap.version).toBe(2);
      expect(snap.numFiles).toBe(outcomes[0]!.status === "fulfilled" ? 0 : 2);
    });
  });
}

describe("writer conflict rules and gates", () => {
  it("a blind append fails when a winner changed the metadata or committed the same txn appId", async () => {
    const store = new MemoryObjectStore();
    const url = "memory://w/conflicts";
    await createTable(store, url, { schema: SCHEMA });
    const snap = await loadSnapshot(store, url);
    // A concurrent writer changes table properties at version 1 before our append commits.
    const racing = new Proxy(store, {
      get(target, prop, receiver) {
        if (prop !== "putIfAbsent") return Reflect.get(target, prop, receiver);
        return async (u: string, d: Uint8Array) => {
          if (u.endsWith("00000000000000000001.json") && !(await target.list(u)).objects.length) {
            const meta = { ...snap.metadata, configuration: { "delta.appendOnly": "true" } };
            await target.putIfAbsent(u, utf8(JSON.stringify({ commitInfo: {} }) + "\n" + JSON.stringify({ metaData: meta })));
          }
          return target.putIfAbsent(u, d);
        };
      },
    });
    const err = await appendFiles(racing, url, [{ path: "a.parquet", size: 1 }]).catch((e: unknown) => e);
    expect(isDeltaError(err, "DELTA_COMMIT_CONFLICT")).toBe(true);
    expect((err as Error).message).toContain("metadata");
    expect((await loadSnapshot(store, url)).version).toBe(1);
  });

  it("refuses removes on append-only tables, bad paths, unknown partition columns and unsupported writer features", async () => {
    const store = new MemoryObjectStore();
    const url = "memory://w/gates";
    await createTable(store, url, { schema: SCHEMA, partitionColumns: ["day"], configuration: { "delta.appendOnly": "true" } });
    await appendFiles(store, url, [file(1)]);
    expect(isDeltaError(await removeFiles(store, url, ["day=2024-01-01/part-1.parquet"]).catch((e: unknown) => e), "DELTA_INVALID_ARGUMENT")).toBe(true);
    expect(isDeltaError(await appendFiles(store, url, [{ ...file(2), path: "_delta_log/x.parquet" }]).catch((e: unknown) => e), "DELTA_INVALID_ARGUMENT")).toBe(true);
    expect(isDeltaError(await appendFiles(store, url, [{ ...file(2), partitionValues: { nope: "1" } }]).catch((e: unknown) => e), "DELTA_INVALID_ARGUMENT")).toBe(true);
    await store.putIfAbsent(`${url}/_delta_log/00000000000000000002.json`, utf8(JSON.stringify({ protocol: { minReaderVersion: 1, minWriterVersion: 7, writerFeatures: ["rowTracking", "domainMetadata"] } })));
    const err = await appendFiles(store, url, [file(3)]).catch((e: unknown) => e);
    expect(isDeltaError(err, "DELTA_UNSUPPORTED_FEATURE")).toBe(true);
    expect((err as Error).message).toContain("rowTracking");
    expect((await loadSnapshot(store, url)).version).toBe(2); // still readable
  });

  it("in-commit timestamps: commitInfo first with strictly increasing ICTs, used as snapshot timestamps", async () => {
    const store = new MemoryObjectStore();
    const url = "memory://w/ict";
    let now = 1_000_000;
    const clock = () => now; // frozen clock: ICT must still increase
    await createTable(store, url, { schema: SCHEMA, configuration: { "delta.enableInCommitTimestamps": "true" } }, { clock });
    await appendFiles(store, url, [{ path: "a.parquet", size: 1 }], { clock });
    await appendFiles(store, url, [{ path: "b.parquet", size: 1 }], { clock });
    const ts = [];
    for (let v = 0; v <= 2; v++) ts.push((await loadSnapshot(store, url, { version: v })).timestamp);
    expect(ts).toEqual([now, now + 1, now + 2]);
    const snap = await loadSnapshot(store, url);
    expect(snap.protocol.writerFeatures).toContain("inCommitTimestamp");
    now += 10;
    expect((await loadSnapshot(store, url, { timestamp: 1_000_001 })).version).toBe(1);
  });
});

describe("checkpoint file readable by DuckDB and hyparquet", () => {
  it("has the action columns with sane types and values", async () => {
    const store = new LocalObjectStore();
    const dir = await tempDir();
    const url = `file://${dir}/t`;
    await createTable(store, url, { schema: SCHEMA, partitionColumns: ["day"] });
    for (let i = 1; i <= 10; i++) await appendFiles(store, url, [file(i, i % 3 === 0 ? null : "2024-01-02")]);
    const ckpt = `${url}/_delta_log/00000000000000000010.checkpoint.parquet`;
    const cols = Object.fromEntries((await duck.columns(ckpt)).map((c) => [c.name, c.type]));
    expect(Object.keys(cols)).toEqual(["txn", "add", "remove", "metaData", "protocol", "domainMetadata"]);
    expect(cols.add).toContain("partitionValues MAP(VARCHAR, VARCHAR)");
    expect(cols.add).toContain("size BIGINT");
    expect(cols.metaData).toContain("partitionColumns VARCHAR[]");
    expect(cols.protocol).toContain("minReaderVersion INTEGER");
    const path = toPath(ckpt).replace(/'/g, "''");
    const [counts] = await duck.query(`SELECT count(add) AS adds, count(metaData) AS metas, count(protocol) AS protos, count(*) AS total FROM read_parquet('${path}')`);
    expect(counts).toEqual({ adds: "10", metas: "1", protos: "1", total: "12" });
    const adds = await duck.query(`SELECT add.path AS path, add.partitionValues['day'] AS day, add.size AS size, json_extract(add.stats, '$.numRecords') AS n FROM read_parquet('${path}') WHERE add IS NOT NULL ORDER BY add.size`);
    expect(adds[0]).toEqual({ path: "day=2024-01-02/part-1.parquet", day: "2024-01-02", size: "101", n: "2" });
    expect(adds.find((a) => a.path === "day=__HIVE_DEFAULT_PARTITION__/part-3.parquet")?.day).toBeNull();
    const [meta] = await duck.query(`SELECT metaData.partitionColumns AS pc, metaData.schemaString AS s FROM read_parquet('${path}') WHERE metaData IS NOT NULL`);
    expect(meta!.pc).toEqual(["day"]);
    expect(JSON.parse(String(meta!.s)).fields).toHaveLength(SCHEMA.fields.length);
    // And our own parquet reader (hyparquet) sees the same rows.
    const bytes = await store.get(ckpt);
    const rows = await parquetReadObjects({ file: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer });
    expect(rows.filter((r) => r.add).length).toBe(10);
  });
});
