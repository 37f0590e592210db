import { describe, expect, it } from "vitest";
import type { DeletionVectorDescriptor } from "../../src/delta/actions";
import { crc32 } from "../../src/delta/crc32";
import { deletionVectorUrl, loadDeletedRows } from "../../src/delta/deletion-vectors";
import { deletionVectorId } from "../../src/delta/deletion-vector-id";
import { isDeltaError } from "../../src/delta/errors";
import { decodeDeletionBitmap } from "../../src/delta/roaring";
import { z85Decode, z85DecodeUuid, z85Encode } from "../../src/delta/z85";
import { MemoryObjectStore } from "../../src/storage/memory";
import { deletionVectorFile, encodeDeletionBitmap } from "../support/delta-roaring";

describe("Z85", () => {
  it("matches the ZeroMQ RFC 32 test vector and round-trips", () => {
    const bytes = new Uint8Array([0x86, 0x4f, 0xd2, 0x6f, 0xb5, 0x59, 0xf7, 0x5b]);
    expect(z85Encode(bytes)).toBe("HelloWorld");
    expect(z85Decode("HelloWorld")).toEqual(bytes);
    const random = crypto.getRandomValues(new Uint8Array(64));
    expect(z85Decode(z85Encode(random))).toEqual(random);
  });
  it("decodes a UUID and rejects bad input", () => {
    const uuid = new Uint8Array(16).map((_, i) => i * 17);
    expect(z85DecodeUuid(z85Encode(uuid))).toBe("00112233-4455-6677-8899-aabbccddeeff");
    expect(isDeltaError((() => { try { z85Decode("abc"); } catch (e) { return e; } })(), "DELTA_LOG_CORRUPT")).toBe(true);
    expect(isDeltaError((() => { try { z85Decode("ab~de"); } catch (e) { return e; } })(), "DELTA_LOG_CORRUPT")).toBe(true);
  });
});

describe("CRC-32", () => {
  it("matches the standard check value", () => {
    expect(crc32(new TextEncoder().encode("123456789"))).toBe(0xcbf43926);
  });
});

describe("RoaringBitmap deletion-vector decoding", () => {
  const cases: [string, number[], boolean][] = [
    ["array container", [0, 3, 7, 100, 65535], false],
    ["several containers with offset header", [1, 70000, 140000, 210000, 280000], false],
    ["bitmap container (> 4096 values)", Array.from({ length: 5000 }, (_, i) => i * 3), false],
    ["run containers", [...Array.from({ length: 1000 }, (_, i) => i + 10), 5000, 5001, 5002], true],
    ["run + array containers, fewer than 4 (no offsets)", [...Array.from({ length: 300 }, (_, i) => i), 70001, 70005], true],
    ["64-bit row indexes in several buckets", [5, 2 ** 32 + 1, 2 ** 33 + 7], false],
  ];
  for (const [label, rows, runs] of cases) {
    it(label, () => {
      expect(decodeDeletionBitmap(encodeDeletionBitmap(rows, { runs }))).toEqual([...rows].sort((a, b) => a - b));
    });
  }
  it("rejects a wrong magic number and truncated data", () => {
    const good = encodeDeletionBitmap([1, 2, 3]);
    const bad = good.slice();
    bad[0] ^= 0xff;
    expect(() => decodeDeletionBitmap(bad)).toThrow(/magic/);
    expect(() => decodeDeletionBitmap(good.subarray(0, good.length - 2))).toThrow(/truncated/);
  });
});

describe("loading deletion vectors from every storage type", () => {
  const table = "memory://dv/t";
  const rows = [0, 2, 9, 70000];

  it("inline (i): Z85 of the bitmap, padded to 4 bytes", async () => {
    const bitmap = encodeDeletionBitmap(rows);
    const padded = new Uint8Array(Math.ceil(bitmap.length / 4) * 4);
    padded.set(bitmap);
    const dv: DeletionVectorDescriptor = { storageType: "i", pathOrInlineDv: z85Encode(padded), sizeInBytes: bitmap.length, cardinality: rows.length };
    expect(deletionVectorUrl(table, dv)).toBeUndefined();
    expect((await loadDeletedRows(new MemoryObjectStore(), table, dv)).rows).toEqual(rows);
  });

  it("relative UUID (u) with a prefix, and absolute path (p), with checksum verification", async () => {
    const store = new MemoryObjectStore();
    const bitmap = encodeDeletionBitmap(rows, { runs: true });
    const uuidBytes = crypto.getRandomValues(new Uint8Array(16));
    const uuid = z85DecodeUuid(z85Encode(uuidBytes));
    const u: DeletionVectorDescriptor = { storageType: "u", pathOrInlineDv: `ab${z85Encode(uuidBytes)}`, offset: 1, sizeInBytes: bitmap.length, cardinality: rows.length };
    expect(deletionVectorUrl(table, u)).toBe(`${table}/ab/deletion_vector_${uuid}.bin`);
    await store.put(`${table}/ab/deletion_vector_${uuid}.bin`, deletionVectorFile(bitmap));
    const deleted = await loadDeletedRows(store, table, u);
    expect(deleted.rows).toEqual(rows);
    expect(deleted.has(9)).toBe(true);
    expect(deleted.has(8)).toBe(false);
    expect(deletionVectorId(u)).toBe(`uab${z85Encode(uuidBytes)}@1`);

    const p: DeletionVectorDescriptor = { storageType: "p", pathOrInlineDv: "memory://elsewhere/dv%20file.bin", offset: 1, sizeInBytes: bitmap.length, cardinality: rows.length };
    await store.put("memory://elsewhere/dv file.bin", deletionVectorFile(bitmap));
    expect((await loadDeletedRows(store, table, p)).rows).toEqual(rows);

    const corrupt = deletionVectorFile(bitmap);
    corrupt[8] ^= 0x01;
    await store.put("memory://elsewhere/dv file.bin", corrupt);
    const err = await loadDeletedRows(store, table, p).catch((e: unknown) => e);
    expect(isDeltaError(err, "DELTA_LOG_CORRUPT")).toBe(true);
    expect((err as Error).message).toMatch(/checksum/);
  });

  it("a cardinality that does not match the bitmap is corruption", async () => {
    const bitmap = encodeDeletionBitmap([1, 2]);
    const padded = new Uint8Array(Math.ceil(bitmap.length / 4) * 4);
    padded.set(bitmap);
    const dv: DeletionVectorDescriptor = { storageType: "i", pathOrInlineDv: z85Encode(padded), sizeInBytes: bitmap.length, cardinality: 3 };
    const err = await loadDeletedRows(new MemoryObjectStore(), table, dv).catch((e: unknown) => e);
    expect(isDeltaError(err, "DELTA_LOG_CORRUPT")).toBe(true);
  });
});
