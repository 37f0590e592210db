import { beforeAll, describe, expect, it } from "vitest";
import { readChangeFeed, type ChangeFile } from "../../src/delta/cdf";
import { isDeltaError } from "../../src/delta/errors";
import { loadSnapshot } from "../../src/delta/load-snapshot";
import { LocalObjectStore } from "../../src/node/local-store";
import { TestDuckDb } from "../support/delta-duckdb";
import { expectedOf, HAVE_TESTDATA, tableNames, tableUrlOf } from "../support/delta-testdata";

const store = new LocalObjectStore();
let duck: TestDuckDb;
beforeAll(async () => {
  duck = await TestDuckDb.open();
});

/** Materialise change rows the way an engine would: file rows, minus DV rows, plus CDF columns. */
async function rowsOf(change: ChangeFile): Promise<Record<string, unknown>[]> {
  const rows = await duck.rows(change.url);
  const skip = change.deletionVector ? new Set((await loadSnapshotDv(change)).rows) : undefined;
  const only = change.rowIndexes ? new Set(change.rowIndexes) : undefined;
  return rows
    .filter((r) => (!skip || !skip.has(Number(r.__row))) && (!only || only.has(Number(r.__row))))
    .map((r) => {
      const { __row, ...rest } = r;
      void __row;
      return {
        ...change.partitionValues,
        ...rest,
        _change_type: change.changeType ?? rest._change_type,
        _commit_version: change.version,
        _commit_timestamp: new Date(change.timestamp).toISOString().replace(/Z$/, ""),
      };
    });
}

async function loadSnapshotDv(change: ChangeFile) {
  const { loadDeletedRows } = await import("../../src/delta/deletion-vectors");
  const root = change.url.slice(0, change.url.length - decodeURIComponent(change.path).length);
  return loadDeletedRows(store, root, change.deletionVector!);
}

const canon = (rows: Record<string, unknown>[], columns: string[]) =>
  rows.map((r) => JSON.stringify(columns.map((c) => (r[c] === null || r[c] === undefined ? null : String(r[c]))))).sort();

describe.skipIf(!HAVE_TESTDATA)("change data feed over the shared test tables", () => {
  for (const name of tableNames()) {
    const expected = expectedOf(name);
    const url = tableUrlOf(name);
    for (const cdf of expected.cdf ?? []) {
      const range = cdf.startingTimestamp ? `from ${cdf.startingTimestamp}` : `v${cdf.startVersion}..v${cdf.endVersion}`;
      it(`${name}: changes ${range} (${cdf.rowCount} rows)`, async () => {
        const feed = await readChangeFeed(store, url, cdf.startingTimestamp
          ? { startTimestamp: Date.parse(cdf.startingTimestamp), endVersion: cdf.endVersion }
          : { startVersion: cdf.startVersion, endVersion: cdf.endVersion });
        const rows = (await Promise.all(feed.changes.map(rowsOf))).flat();
        expect(rows).toHaveLength(cdf.rowCount);
        expect(canon(rows, cdf.columns)).toEqual(canon(cdf.rows, cdf.columns));
      });
    }
    for (const bad of expected.cdfErrors ?? []) {
      it(`${name}: refuses changes v${bad.start}..v${bad.end} (${bad.reason})`, async () => {
        const err = await readChangeFeed(store, url, { startVersion: bad.start, endVersion: bad.end }).catch((e: unknown) => e);
        expect(isDeltaError(err)).toBe(true);
        expect((err as Error).message).toMatch(/version/);
      });
    }
  }

  it("drs-cdc-ict-table: commit timestamps are the in-commit timestamps, also in CDF", async () => {
    const name = "drs-cdc-ict-table";
    const expected = expectedOf(name);
    const feed = await readChangeFeed(store, tableUrlOf(name), { startVersion: 0 });
    for (const { version, timestamp } of feed.commits) {
      expect(timestamp).toBe(expected.versions[String(version)]!.commit.inCommitTimestamp);
      const snap = await loadSnapshot(store, tableUrlOf(name), { version });
      expect(snap.timestamp).toBe(timestamp);
    }
    for (const c of feed.changes) expect(c.timestamp).toBe(expected.versions[String(c.version)]!.commit.inCommitTimestamp);
  });

  it("refuses a range on a table without change data feed", async () => {
    const err = await readChangeFeed(store, tableUrlOf("dat-basic-append"), { startVersion: 0 }).catch((e: unknown) => e);
    expect(isDeltaError(err, "DELTA_CDF_UNAVAILABLE")).toBe(true);
    expect((err as Error).message).toContain("not enabled");
  });
});
