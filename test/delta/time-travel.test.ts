import { rm } from "node:fs/promises";
import { afterAll, describe, expect, it } from "vitest";
import { isDeltaError } from "../../src/delta/errors";
import { loadSnapshot } from "../../src/delta/load-snapshot";
import { versionAtOrAfterTimestamp, versionAtTimestamp } from "../../src/delta/timestamps";
import { LocalObjectStore } from "../../src/node/local-store";
import { copyTable, expectedOf, HAVE_TESTDATA, setCommitMtimes, tableUrlOf } from "../support/delta-testdata";

const store = new LocalObjectStore();
const cleanup: string[] = [];
afterAll(async () => {
  await Promise.all(cleanup.map((d) => rm(d, { recursive: true, force: true })));
});

describe.skipIf(!HAVE_TESTDATA)("time travel by timestamp", () => {
  const name = "golden-time-travel-start-start20-start40";

  it(`${name}: every timestamp query of expected.json (mtimes restored on a copy)`, async () => {
    const expected = expectedOf(name);
    const dir = await copyTable(name);
    cleanup.push(dir);
    await setCommitMtimes(dir, expected.timestamps!.generatorCommitFileMtimes);
    const url = `file://${dir}`;
    for (const q of expected.timestamps!.queries) {
      if (q.expectVersion !== undefined) {
        expect(await versionAtTimestamp(store, url, q.timestampMs)).toBe(q.expectVersion);
        const snap = await loadSnapshot(store, url, { timestamp: q.timestampMs });
        expect(snap.version).toBe(q.expectVersion);
        expect(snap.numFiles).toBe(expected.versions[String(q.expectVersion)]!.numFiles);
        expect(snap.timestamp).toBe(expected.timestamps!.generatorCommitFileMtimes[String(q.expectVersion)]);
      } else if (q.expect?.startsWith("error")) {
        const err = await loadSnapshot(store, url, { timestamp: q.timestampMs }).catch((e: unknown) => e);
        expect(isDeltaError(err, "DELTA_TIMESTAMP_OUT_OF_RANGE")).toBe(true);
        expect((err as Error).message).toContain("before the earliest");
      } else {
        // After the latest commit: our documented choice is an error, or the latest when clamping.
        const err = await loadSnapshot(store, url, { timestamp: q.timestampMs }).catch((e: unknown) => e);
        expect(isDeltaError(err, "DELTA_TIMESTAMP_OUT_OF_RANGE")).toBe(true);
        expect(await versionAtTimestamp(store, url, q.timestampMs, { clampToLatest: true })).toBe(expected.latestVersion);
      }
    }
    // "at or after" (a CDF starting timestamp) rounds the other way.
    const m = expected.timestamps!.generatorCommitFileMtimes;
    expect(await versionAtOrAfterTimestamp(store, url, m["0"]! + 1)).toBe(1);
    expect(await versionAtOrAfterTimestamp(store, url, m["1"]!)).toBe(1);
  });

  it("mtimes that do not increase are forced to increase, like delta-spark", async () => {
    const dir = await copyTable(name);
    cleanup.push(dir);
    const t = 1_700_000_000_000;
    await setCommitMtimes(dir, { 0: t, 1: t - 60_000, 2: t + 60_000 }); // v1 "earlier" than v0
    const url = `file://${dir}`;
    expect(await versionAtTimestamp(store, url, t)).toBe(0);
    expect(await versionAtTimestamp(store, url, t + 1)).toBe(1); // v1 counts as t + 1 ms
    expect(await versionAtTimestamp(store, url, t + 60_000)).toBe(2);
  });

  it("drs-cdc-ict-table: timestamps come from inCommitTimestamp, not file mtimes", async () => {
    const ict = expectedOf("drs-cdc-ict-table");
    const url = tableUrlOf("drs-cdc-ict-table");
    const v3 = ict.versions["3"]!.commit.inCommitTimestamp!;
    const v2 = ict.versions["2"]!.commit.inCommitTimestamp!;
    expect(await versionAtTimestamp(store, url, v3)).toBe(3);
    expect(await versionAtTimestamp(store, url, v3 - 1)).toBe(2);
    expect(await versionAtTimestamp(store, url, v2)).toBe(2);
    expect((await loadSnapshot(store, url, { timestamp: v3 })).timestamp).toBe(v3);
  });
});
