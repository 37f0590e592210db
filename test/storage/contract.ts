import { describe, expect, it } from "vitest";
import { isStorageError } from "../../src/storage/errors";
import { listAllToArray, type ObjectStore } from "../../src/storage/object-store";

const enc = new TextEncoder();
const dec = new TextDecoder();

/**
 * The behaviour every ObjectStore adapter must share. `makeRoot()` returns a fresh, empty
 * directory URL ending in "/" for each test.
 */
export function objectStoreContract(name: string, setup: () => Promise<{ store: ObjectStore; makeRoot: () => Promise<string> }>): void {
  describe(`ObjectStore contract: ${name}`, () => {
    it("put/get round-trips bytes and get of a missing object is STORAGE_NOT_FOUND", async () => {
      const { store, makeRoot } = await setup();
      const root = await makeRoot();
      await store.put(`${root}a/b.txt`, enc.encode("hello"));
      expect(dec.decode(await store.get(`${root}a/b.txt`))).toBe("hello");
      await store.put(`${root}a/b.txt`, enc.encode("replaced"));
      expect(dec.decode(await store.get(`${root}a/b.txt`))).toBe("replaced");
      const err = await store.get(`${root}missing`).catch((e) => e);
      expect(isStorageError(err, "STORAGE_NOT_FOUND")).toBe(true);
      const err2 = await store.head(`${root}missing`).catch((e) => e);
      expect(isStorageError(err2, "STORAGE_NOT_FOUND")).toBe(true);
    });

    it("reads byte ranges, clamps past the end, rejects a range starting past the end", async () => {
      const { store, makeRoot } = await setup();
      const root = await makeRoot();
      await store.put(`${root}r.bin`, enc.encode("0123456789"));
      expect(dec.decode(await store.get(`${root}r.bin`, { offset: 2, length: 3 }))).toBe("234");
      expect(dec.decode(await store.get(`${root}r.bin`, { offset: 8, length: 10 }))).toBe("89");
      expect((await store.get(`${root}r.bin`, { offset: 0, length: 0 })).byteLength).toBe(0);
      const err = await store.get(`${root}r.bin`, { offset: 10, length: 1 }).catch((e) => e);
      expect(isStorageError(err, "STORAGE_INVALID_RANGE")).toBe(true);
    });

    it("head reports size and a plausible lastModified", async () => {
      const { store, makeRoot } = await setup();
      const root = await makeRoot();
      const before = Date.now() - 5_000;
      await store.put(`${root}h.txt`, enc.encode("abcd"));
      const meta = await store.head(`${root}h.txt`);
      expect(meta.size).toBe(4);
      expect(meta.url).toBe(`${root}h.txt`);
      expect(meta.lastModified).toBeGreaterThan(before);
      expect(meta.lastModified).toBeLessThan(Date.now() + 5_000);
    });

    it("putIfAbsent creates once and then fails with STORAGE_ALREADY_EXISTS without overwriting", async () => {
      const { store, makeRoot } = await setup();
      const root = await makeRoot();
      await store.putIfAbsent(`${root}_delta_log/00.json`, enc.encode("first"));
      const err = await store.putIfAbsent(`${root}_delta_log/00.json`, enc.encode("second")).catch((e) => e);
      expect(isStorageError(err, "STORAGE_ALREADY_EXISTS")).toBe(true);
      expect(dec.decode(await store.get(`${root}_delta_log/00.json`))).toBe("first");
    });

    it("racing putIfAbsent calls: exactly one wins", async () => {
      const { store, makeRoot } = await setup();
      const root = await makeRoot();
      const results = await Promise.allSettled(
        Array.from({ length: 8 }, (_, i) => store.putIfAbsent(`${root}race.json`, enc.encode(`writer-${i}`))),
      );
      const winners = results.filter((r) => r.status === "fulfilled");
      expect(winners).toHaveLength(1);
      for (const r of results) if (r.status === "rejected") expect(isStorageError(r.reason, "STORAGE_ALREADY_EXISTS")).toBe(true);
      const winner = results.findIndex((r) => r.status === "fulfilled");
      expect(dec.decode(await store.get(`${root}race.json`))).toBe(`writer-${winner}`);
    });

    it("lists by string prefix, sorted, with startAfter and paging", async () => {
      const { store, makeRoot } = await setup();
      const root = await makeRoot();
      const names = ["_delta_log/00000000000000000002.json", "_delta_log/00000000000000000000.json",
        "_delta_log/00000000000000000001.json", "_delta_log/00000000000000000001.checkpoint.parquet",
        "_delta_log/_sidecars/x.parquet", "data/p=%2F/part-0.parquet", "z.txt"];
      for (const n of names) await store.put(root + n, enc.encode(n));
      const all = await listAllToArray(store, `${root}_delta_log/`);
      expect(all.map((o) => o.url.slice(root.length))).toEqual([
        "_delta_log/00000000000000000000.json", "_delta_log/00000000000000000001.checkpoint.parquet",
        "_delta_log/00000000000000000001.json", "_delta_log/00000000000000000002.json", "_delta_log/_sidecars/x.parquet",
      ]);
      expect(all[0]!.size).toBe(names[1]!.length);
      const partial = await listAllToArray(store, `${root}_delta_log/0000`);
      expect(partial).toHaveLength(4);
      const after = await listAllToArray(store, `${root}_delta_log/`, { startAfter: `${root}_delta_log/00000000000000000001` });
      expect(after.map((o) => o.url.slice(root.length))[0]).toBe("_delta_log/00000000000000000001.checkpoint.parquet");
      expect(after).toHaveLength(4);
      // a raw '%' in a key is kept literally
      const pct = await listAllToArray(store, `${root}data/`);
      expect(pct.map((o) => o.url)).toEqual([`${root}data/p=%2F/part-0.parquet`]);
      expect(dec.decode(await store.get(`${root}data/p=%2F/part-0.parquet`))).toBe("data/p=%2F/part-0.parquet");
      // paging: two objects per page, in order, nothing lost or repeated
      const page1 = await store.list(`${root}_delta_log/`, { pageSize: 2 });
      expect(page1.objects).toHaveLength(2);
      expect(page1.nextPageToken).toBeTruthy();
      const page2 = await store.list(`${root}_delta_log/`, { pageSize: 2, pageToken: page1.nextPageToken });
      const page3 = await store.list(`${root}_delta_log/`, { pageSize: 2, pageToken: page2.nextPageToken });
      expect(page3.nextPageToken).toBeUndefined();
      expect([...page1.objects, ...page2.objects, ...page3.objects].map((o) => o.url)).toEqual(all.map((o) => o.url));
      expect((await store.list(`${root}nothing-here/`)).objects).toEqual([]);
    });

    it("delete removes an object and ignores missing ones", async () => {
      const { store, makeRoot } = await setup();
      const root = await makeRoot();
      await store.put(`${root}d.txt`, enc.encode("x"));
      await store.delete(`${root}d.txt`);
      await store.delete(`${root}d.txt`);
      expect(isStorageError(await store.get(`${root}d.txt`).catch((e) => e), "STORAGE_NOT_FOUND")).toBe(true);
    });
  });
}
