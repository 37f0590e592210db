import { describe, expect, it } from "vitest";
import { SnapshotCache } from "../../src/delta/snapshot-cache";
import { appendFiles, createTable } from "../../src/delta/writer";
import type { StructType } from "../../src/delta/schema";
import { MemoryObjectStore } from "../../src/storage/memory";
import type { ObjectStore } from "../../src/storage/object-store";

const SCHEMA: StructType = { kind: "struct", fields: [{ name: "id", type: { kind: "primitive", name: "long" }, nullable: true, metadata: {} }] };

/** Counts store calls so tests can assert what a cached read costs. */
function counting(inner: ObjectStore) {
  const calls = { get: 0, list: 0 };
  const store: ObjectStore = {
    get: (u, r) => { calls.get++; return inner.get(u, r); },
    head: (u) => inner.head(u),
    list: (p, o) => { calls.list++; return inner.list(p, o); },
    put: (u, d) => inner.put(u, d),
    putIfAbsent: (u, d) => inner.putIfAbsent(u, d),
    delete: (u) => inner.delete(u),
  };
  return { store, calls };
}

describe("SnapshotCache", () => {
  it("does not replay a cached version; picks up new commits with one listing and incremental replay", async () => {
    const mem = new MemoryObjectStore();
    const url = "memory://cache/t";
    await createTable(mem, url, { schema: SCHEMA });
    for (let i = 0; i < 3; i++) await appendFiles(mem, url, [{ path: `f${i}.parquet`, size: 1, stats: { numRecords: 1 } }]);
    const { store, calls } = counting(mem);
    const cache = new SnapshotCache(store, 4);

    const first = await cache.get(url);
    expect(first.version).toBe(3);
    expect(cache.replays).toBe(1);
    const gets = calls.get;
    // Same latest again: one listing, no object reads, same object.
    const listsBefore = calls.list;
    expect(await cache.get(url)).toBe(first);
    expect(calls.get).toBe(gets);
    expect(calls.list).toBe(listsBefore + 1);
    expect(await cache.get(url, { version: 3 })).toBe(first);
    expect(cache.replays).toBe(1);

    // A new commit: only that commit is read and applied on top of the cached state.
    await appendFiles(mem, url, [{ path: "f3.parquet", size: 1, stats: { numRecords: 1 } }]);
    const getsBefore = calls.get;
    const next = await cache.get(url);
    expect(next.version).toBe(4);
    expect(next.numFiles).toBe(4);
    expect(calls.get - getsBefore).toBe(1);
    expect(cache.replays).toBe(2);
    expect(first.numFiles).toBe(3); // cached snapshots are immutable
    expect(next.source.commitVersions).toEqual([0, 1, 2, 3, 4]);
  });

  it("is bounded and evicts the least recently used version", async () => {
    const mem = new MemoryObjectStore();
    const url = "memory://cache/lru";
    await createTable(mem, url, { schema: SCHEMA });
    for (let i = 0; i < 4; i++) await appendFiles(mem, url, [{ path: `f${i}.parquet`, size: 1 }]);
    const cache = new SnapshotCache(mem, 2);
    await cache.get(url, { version: 1 });
    await cache.get(url, { version: 2 });
    await cache.get(url, { version: 1 }); // touch 1 → 2 is now least recent
    await cache.get(url, { version: 3 }); // evicts 2
    expect(cache.replays).toBe(3);
    await cache.get(url, { version: 1 });
    expect(cache.replays).toBe(3);
    await cache.get(url, { version: 2 });
    expect(cache.replays).toBe(4);
  });

  it("does not cache failures", async () => {
    const mem = new MemoryObjectStore();
    const cache = new SnapshotCache(mem);
    await expect(cache.get("memory://cache/none")).rejects.toThrow(/not a Delta table/);
    await createTable(mem, "memory://cache/none", { schema: SCHEMA });
    expect((await cache.get("memory://cache/none")).version).toBe(0);
  });
});
