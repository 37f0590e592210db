import { describe, expect, it } from "vitest";
import { isDeltaError } from "../../src/delta/errors";
import { loadSnapshot } from "../../src/delta/load-snapshot";
import { MemoryObjectStore } from "../../src/storage/memory";

/**
 * Replay keeps simple add lines unparsed (src/delta/raw-add.ts). These logs mix every shape
 * the fast path must recognise or leave to JSON.parse, and check the snapshot is exactly the
 * one an eager parse gives.
 */
const URL = "memory://raw/t";
const commitUrl = (v: number) => `${URL}/_delta_log/${String(v).padStart(20, "0")}.json`;
const enc = new TextEncoder();
const PROTOCOL = JSON.stringify({ protocol: { minReaderVersion: 3, minWriterVersion: 7, readerFeatures: ["deletionVectors"], writerFeatures: ["deletionVectors"] } });
const SCHEMA = JSON.stringify({ type: "struct", fields: [{ name: "id", type: "long", nullable: true, metadata: {} }] });
const METADATA = JSON.stringify({ metaData: { id: "raw", format: { provider: "parquet", options: {} }, schemaString: SCHEMA, partitionColumns: [], configuration: {} } });
const add = (path: string, size: number, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ add: { path, partitionValues: {}, size, modificationTime: 1, dataChange: true, stats: JSON.stringify({ numRecords: size }), ...extra } });
const DV = { storageType: "i", pathOrInlineDv: "wi5b=000010000siXQKl0rr91000f", offset: 1, sizeInBytes: 36, cardinality: 2 };
const commitInfo = (v: number) => JSON.stringify({ commitInfo: { timestamp: 1000 + v } });

async function table(commits: string[][]): Promise<MemoryObjectStore> {
  const store = new MemoryObjectStore();
  for (const [v, lines] of commits.entries()) await store.put(commitUrl(v), enc.encode(lines.join("\n")));
  return store;
}

describe("lazily parsed add lines", () => {
  it("gives the same files, keys and URLs as parsing every line", async () => {
    const store = await table([
      [commitInfo(0), PROTOCOL, METADATA, add("plain.parquet", 1), add("spaced%20name.parquet", 2), add("esc\u00e9\"q.parquet", 3), add("gone.parquet", 4), commitInfo(0)],
      [
        commitInfo(1),
        // Key order other than path-first, a deletion vector, and a re-add of a file: all parsed eagerly or keyed right.
        JSON.stringify({ add: { size: 5, path: "reordered.parquet", partitionValues: {}, modificationTime: 1, dataChange: true, stats: '{"numRecords":5}' } }),
        add("dv.parquet", 6, { deletionVector: DV }),
        add("plain.parquet", 7),
        JSON.stringify({ remove: { path: "gone.parquet", deletionTimestamp: 2, dataChange: true } }),
        commitInfo(1),
      ],
    ]);
    const snapshot = await loadSnapshot(store, URL);
    const files = snapshot.files.map((f) => ({ path: f.add.path, size: f.add.size, url: f.url, dv: f.add.deletionVector?.cardinality ?? null }));
    expect(files.sort((a, b) => a.path.localeCompare(b.path))).toEqual(
      [
        { path: "dv.parquet", size: 6, url: `${URL}/dv.parquet`, dv: 2 },
        { path: 'esc\u00e9"q.parquet', size: 3, url: `${URL}/esc\u00e9"q.parquet`, dv: null },
        { path: "plain.parquet", size: 7, url: `${URL}/plain.parquet`, dv: null },
        { path: "reordered.parquet", size: 5, url: `${URL}/reordered.parquet`, dv: null },
        { path: "spaced%20name.parquet", size: 2, url: `${URL}/spaced name.parquet`, dv: null },
      ].sort((a, b) => a.path.localeCompare(b.path)),
    );
    expect(snapshot.numRecords()).toBe(2 + 3 + 5 + 6 + 7);
    expect(snapshot.tombstones.map((r) => r.path)).toEqual(["gone.parquet"]);
  });

  it("parses a raw line once: Snapshot.files hands back the same object every time", async () => {
    const store = await table([[commitInfo(0), PROTOCOL, METADATA, add("a.parquet", 1), add("b.parquet", 2), commitInfo(0)]]);
    const snapshot = await loadSnapshot(store, URL);
    const first = snapshot.files.map((f) => f.add);
    expect(first.map((a) => a.path).sort()).toEqual(["a.parquet", "b.parquet"]);
    // numRecords and the checkpoint writer read through Snapshot.files: no second parse.
    expect(snapshot.numRecords()).toBe(3);
    expect(snapshot.files.map((f) => f.add)).toEqual(first);
    for (const [i, f] of snapshot.files.entries()) expect(f.add).toBe(first[i]);
  });

  it("a corrupt add line in the middle of a commit fails when read, naming the file, not silently", async () => {
    const broken = add("broken.parquet", 1).replace('"size":1', '"size":');
    const store = await table([[commitInfo(0), PROTOCOL, METADATA, broken, add("ok.parquet", 2), commitInfo(0)]]);
    const snapshot = await loadSnapshot(store, URL);
    const file = snapshot.files.find((f) => f.url.endsWith("broken.parquet"))!;
    const err = (() => {
      try {
        return file.add;
      } catch (e) {
        return e;
      }
    })();
    expect(isDeltaError(err, "DELTA_LOG_CORRUPT")).toBe(true);
    expect((err as Error).message).toContain("broken.parquet");
  });

  it("a torn add as the last line still fails the snapshot at once", async () => {
    const torn = add("torn.parquet", 1).slice(0, -10);
    const store = await table([[commitInfo(0), PROTOCOL, METADATA, add("ok.parquet", 2), torn]]);
    const err = await loadSnapshot(store, URL).catch((e: unknown) => e);
    expect(isDeltaError(err, "DELTA_LOG_CORRUPT")).toBe(true);
    expect((err as Error).message).toMatch(/line 5 is truncated/);
  });
});
