import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { isDeltaError } from "../../src/delta/errors";
import { loadSnapshot } from "../../src/delta/load-snapshot";
import { MemoryObjectStore } from "../../src/storage/memory";
import { copyDirToMemory, text, utf8 } from "../support/delta-memory";
import { expectedOf, HAVE_TESTDATA, TESTDATA_DIR } from "../support/delta-testdata";

const LOG = "_delta_log/";
const commit = (v: number) => `${LOG}${String(v).padStart(20, "0")}.json`;

async function memTable(name: string): Promise<{ store: MemoryObjectStore; url: string }> {
  const store = new MemoryObjectStore();
  const url = `memory://robust/${name}`;
  await copyDirToMemory(store, join(TESTDATA_DIR, name, "delta"), url);
  return { store, url };
}

describe.skipIf(!HAVE_TESTDATA)("reader robustness", () => {
  it("a torn last line of the newest commit is a clear error naming the file and line", async () => {
    const { store, url } = await memTable("dat-basic-append");
    const body = text(await store.get(`${url}/${commit(1)}`));
    await store.put(`${url}/${commit(1)}`, utf8(body.trimEnd().slice(0, -25)));
    const err = await loadSnapshot(store, url).catch((e: unknown) => e);
    expect(isDeltaError(err, "DELTA_LOG_CORRUPT")).toBe(true);
    expect((err as Error).message).toContain("00000000000000000001.json");
    expect((err as Error).message).toMatch(/line \d+ is truncated/);
    // Older versions do not read that file and stay available.
    expect((await loadSnapshot(store, url, { version: 0 })).numFiles).toBe(expectedOf("dat-basic-append").versions["0"]!.numFiles);
  });

  it("a trailing newline or CRLF line ends are not corruption", async () => {
    const { store, url } = await memTable("dat-basic-append");
    const body = text(await store.get(`${url}/${commit(1)}`));
    await store.put(`${url}/${commit(1)}`, utf8(body.replace(/\n/g, "\r\n") + "\r\n"));
    expect((await loadSnapshot(store, url)).numFiles).toBe(2);
  });

  it("_last_checkpoint pointing at a missing checkpoint falls back to listing", async () => {
    const { store, url } = await memTable("dat-with-checkpoint");
    const exp = expectedOf("dat-with-checkpoint").versions["3"]!;
    // Points at version 3, which has no checkpoint.
    await store.put(`${url}/${LOG}_last_checkpoint`, utf8(JSON.stringify({ version: 3, size: 4 })));
    let snap = await loadSnapshot(store, url);
    expect(snap.version).toBe(3);
    expect(snap.numFiles).toBe(exp.numFiles);
    expect(snap.source.checkpointVersion).toBe(2);
    // The hinted checkpoint file was deleted: replay from version 0 instead.
    await store.put(`${url}/${LOG}_last_checkpoint`, utf8(JSON.stringify({ version: 2, size: 4 })));
    await store.delete(`${url}/${LOG}00000000000000000002.checkpoint.parquet`);
    snap = await loadSnapshot(store, url);
    expect(snap.source.checkpointVersion).toBeUndefined();
    expect(snap.numFiles).toBe(exp.numFiles);
    expect(snap.numRecords()).toBe(exp.sumNumRecords);
  });

  it("garbage or stale _last_checkpoint is only a hint", async () => {
    const { store, url } = await memTable("golden-basic-with-inserts-deletes-checkpoint");
    await store.put(`${url}/${LOG}_last_checkpoint`, utf8("{not json"));
    expect((await loadSnapshot(store, url)).source.checkpointVersion).toBe(10);
    await store.put(`${url}/${LOG}_last_checkpoint`, utf8(JSON.stringify({ version: 0 })));
    expect((await loadSnapshot(store, url)).source.checkpointVersion).toBe(10);
  });

  it("an incomplete multi-part checkpoint is ignored", async () => {
    const { store, url } = await memTable("golden-multi-part-checkpoint");
    await store.delete(`${url}/${LOG}00000000000000000001.checkpoint.0000000002.0000000002.parquet`);
    const snap = await loadSnapshot(store, url);
    expect(snap.source.checkpointVersion).toBeUndefined();
    expect(snap.numFiles).toBe(expectedOf("golden-multi-part-checkpoint").versions["1"]!.numFiles);
  });

  it("a missing version in the middle of the log is DELTA_VERSIONS_NOT_CONTIGUOUS naming it", async () => {
    const { store, url } = await memTable("dat-multi-partitioned");
    await store.delete(`${url}/${commit(1)}`);
    const err = await loadSnapshot(store, url).catch((e: unknown) => e);
    expect(isDeltaError(err, "DELTA_VERSIONS_NOT_CONTIGUOUS")).toBe(true);
    expect((err as Error).message).toContain("00000000000000000001.json");
    expect((err as Error).message).toContain("between 0 and 2");
    expect((await loadSnapshot(store, url, { version: 0 })).version).toBe(0);
  });

  it("a table that needs an unknown reader feature is refused by name; unknown writer features are fine for reading", async () => {
    const { store, url } = await memTable("dat-basic-append");
    const protocol = { protocol: { minReaderVersion: 3, minWriterVersion: 7, readerFeatures: ["deletionVectors", "quantumIndex"], writerFeatures: ["deletionVectors", "quantumIndex"] } };
    await store.putIfAbsent(`${url}/${commit(2)}`, utf8(`${JSON.stringify({ commitInfo: { timestamp: 1 } })}\n${JSON.stringify(protocol)}\n`));
    const err = await loadSnapshot(store, url).catch((e: unknown) => e);
    expect(isDeltaError(err, "DELTA_UNSUPPORTED_FEATURE")).toBe(true);
    expect((err as Error).message).toContain("quantumIndex");
    expect((err as Error).message).not.toContain("deletionVectors");
    const writerOnly = { protocol: { minReaderVersion: 1, minWriterVersion: 7, writerFeatures: ["quantumIndex"] } };
    await store.putIfAbsent(`${url}/${commit(3)}`, utf8(JSON.stringify(writerOnly)));
    expect((await loadSnapshot(store, url)).version).toBe(3);
  });

  it("reader versions above 3 are refused", async () => {
    const { store, url } = await memTable("dat-basic-append");
    await store.putIfAbsent(`${url}/${commit(2)}`, utf8(JSON.stringify({ protocol: { minReaderVersion: 4, minWriterVersion: 7 } })));
    const err = await loadSnapshot(store, url).catch((e: unknown) => e);
    expect(isDeltaError(err, "DELTA_UNSUPPORTED_FEATURE")).toBe(true);
    expect((err as Error).message).toContain("reader version 4");
  });

  it("a location without a log is not a Delta table; future versions do not exist", async () => {
    const store = new MemoryObjectStore();
    const err = await loadSnapshot(store, "memory://robust/empty").catch((e: unknown) => e);
    expect(isDeltaError(err, "DELTA_NOT_A_TABLE")).toBe(true);
    const { store: s2, url } = await memTable("dat-basic-append");
    const err2 = await loadSnapshot(s2, url, { version: 7 }).catch((e: unknown) => e);
    expect(isDeltaError(err2, "DELTA_VERSION_NOT_FOUND")).toBe(true);
  });

  it("a checkpoint without metaData is corrupt", async () => {
    const { store, url } = await memTable("dat-with-checkpoint");
    // Replace the checkpoint by one from another table that lacks nothing, then by a JSON v2 one without metaData.
    await store.delete(`${url}/${LOG}00000000000000000002.checkpoint.parquet`);
    await store.put(`${url}/${LOG}00000000000000000002.checkpoint.3a0d65cd-4056-49b8-937b-95f9e3ee90e5.json`,
      utf8(`${JSON.stringify({ checkpointMetadata: { version: 2 } })}\n${JSON.stringify({ protocol: { minReaderVersion: 1, minWriterVersion: 2 } })}\n`));
    const err = await loadSnapshot(store, url).catch((e: unknown) => e);
    expect(isDeltaError(err, "DELTA_LOG_CORRUPT")).toBe(true);
    expect((err as Error).message).toContain("metaData");
  });
});
