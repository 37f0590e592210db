import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isDeltaError } from "../../src/delta/errors";
import { loadSnapshot } from "../../src/delta/load-snapshot";
import { parseSchema, schemaToJson } from "../../src/delta/schema";
import { fileNumRecords } from "../../src/delta/stats";
import { LocalObjectStore } from "../../src/node/local-store";
import { TestDuckDb } from "../support/delta-duckdb";
import { expectedOf, HAVE_TESTDATA, tableNames, tableUrlOf } from "../support/delta-testdata";

const store = new LocalObjectStore();
/** Checkpoint-derived expectations spell absent fields as null; our actions leave them out. */
const withoutNulls = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null));
let duck: TestDuckDb;
beforeAll(async () => {
  duck = await TestDuckDb.open();
});
afterAll(() => undefined);

describe.skipIf(!HAVE_TESTDATA)("shared Delta test tables", () => {
  for (const name of tableNames()) {
    const expected = expectedOf(name);
    const url = tableUrlOf(name);

    if (expected.expectError) {
      it(`${name}: refused with an error mentioning ${expected.expectError.mentions.join(", ")}`, async () => {
        const err = await loadSnapshot(store, url).then(() => undefined, (e: unknown) => e);
        expect(isDeltaError(err)).toBe(true);
        for (const m of expected.expectError!.mentions) expect((err as Error).message).toContain(m);
      });
      continue;
    }

    it(`${name}: latest snapshot is version ${expected.latestVersion}`, async () => {
      const snap = await loadSnapshot(store, url);
      expect(snap.version).toBe(expected.latestVersion);
    });

    if (expected.earliestReadableVersion && expected.earliestReadableVersion > 0) {
      it(`${name}: versions before ${expected.earliestReadableVersion} cannot be reconstructed`, async () => {
        const err = await loadSnapshot(store, url, { version: expected.earliestReadableVersion! - 1 }).catch((e: unknown) => e);
        expect(isDeltaError(err, "DELTA_VERSION_NOT_FOUND")).toBe(true);
      });
    }

    for (const [v, exp] of Object.entries(expected.versions)) {
      it(`${name} @ v${v}: protocol, metadata, schema, files, rows`, async () => {
        const snap = await loadSnapshot(store, url, { version: Number(v) });
        expect(snap.version).toBe(Number(v));
        expect(snap.source.checkpointVersion ?? null).toBe(exp.readFrom.checkpointVersion);
        expect(snap.protocol).toEqual(withoutNulls(exp.protocol));
        expect(snap.metadata.id).toBe(exp.metadata.id);
        expect(snap.partitionColumns).toEqual(exp.metadata.partitionColumns);
        expect(snap.configuration).toEqual(exp.metadata.configuration);
        // Typed schema round-trips to exactly the logged JSON.
        expect(JSON.parse(schemaToJson(snap.schema))).toEqual(exp.schema);
        expect(parseSchema(JSON.stringify(exp.schema))).toEqual(snap.schema);

        // Exactly the expected set of active files, with their raw partition values and sizes.
        expect(snap.numFiles).toBe(exp.numFiles);
        const byPath = new Map(snap.files.map((f) => [f.add.path, f]));
        expect([...byPath.keys()].sort()).toEqual(exp.files.map((f) => f.path).sort());
        for (const ef of exp.files) {
          const f = byPath.get(ef.path)!;
          expect(f.add.size).toBe(ef.size);
          expect(f.add.partitionValues).toEqual(ef.partitionValues);
          expect(fileNumRecords(f.add) ?? null).toBe(ef.numRecords ?? null);
          expect(f.add.deletionVector?.cardinality ?? 0).toBe(ef.deletionVector?.cardinality ?? 0);
          snap.partitionValues(f); // every value parses by its column type
        }
        expect(snap.numRecords()).toBe(exp.sumNumRecords);

        // An independent reader (DuckDB) finds the expected rows in exactly these files.
        if (exp.rowsInDataFiles !== null) {
          const rows = await duck.countRows(snap.files.map((f) => f.url));
          expect(rows).toBe(exp.rowsInDataFiles);
          // Deletion vectors decoded by our own decoder give the logical row count.
          let deleted = 0;
          for (const f of snap.files) {
            const dv = await snap.deletedRows(f);
            if (!dv) continue;
            const fileRows = await duck.countRows([f.url]);
            expect(dv.size).toBe(f.add.deletionVector!.cardinality);
            expect(dv.rows.every((r) => r >= 0 && r < fileRows)).toBe(true);
            deleted += dv.size;
          }
          expect(deleted).toBe(exp.rowsDeletedByDeletionVectors);
          expect(rows - deleted).toBe(exp.logicalRows);
        }
      });
    }
  }
});
