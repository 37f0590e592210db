import { existsSync, readdirSync, readFileSync } from "node:fs";
import { cp, mkdtemp, utimes } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { padVersion } from "../../src/delta/filenames";

/** Repo root (this file is test/support/delta-testdata.ts). */
const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/** The shared Delta test tables, next to the repo: `<repo>/../shared/testdata/delta`. */
export const TESTDATA_DIR = resolve(REPO_ROOT, "../shared/testdata/delta");
export const HAVE_TESTDATA = existsSync(join(TESTDATA_DIR, "SOURCES.md"));
if (!HAVE_TESTDATA) console.warn(`[delta tests] ${TESTDATA_DIR} not found: skipping tests over the shared Delta test tables`);

/** Parts of expected.json the tests use (see SOURCES.md there). */
export interface ExpectedTable {
  name: string;
  tableRoot: string;
  expectError: null | { reason: string; mentions: string[] };
  latestVersion: number | null;
  earliestReadableVersion: number | null;
  versions: Record<string, ExpectedVersion>;
  cdf: ExpectedCdf[];
  cdfErrors?: { start: number; end: number; reason: string }[];
  timestamps?: { generatorCommitFileMtimes: Record<string, number>; queries: { timestampMs: number; expectVersion?: number; expect?: string }[] };
}
export interface ExpectedVersion {
  protocol: Record<string, unknown>;
  metadata: { id: string; partitionColumns: string[]; configuration: Record<string, string>; format: unknown };
  schema: unknown;
  readFrom: { checkpointVersion: number | null; commitsAfter: number[] };
  numFiles: number;
  sumNumRecords: number | null;
  rowsInDataFiles: number | null;
  rowsDeletedByDeletionVectors: number;
  logicalRows: number | null;
  files: { path: string; partitionValues: Record<string, string | null>; size: number; numRecords: number | null; deletionVector?: { cardinality: number } | null }[];
  commit: { commitInfoTimestamp: number | null; inCommitTimestamp: number | null };
}
export interface ExpectedCdf {
  startVersion?: number;
  endVersion?: number;
  startingTimestamp?: string;
  columns: string[];
  rowCount: number;
  rows: Record<string, string | null>[];
}

/** Names of all test tables. */
export function tableNames(): string[] {
  if (!HAVE_TESTDATA) return [];
  return readdirSync(TESTDATA_DIR, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
}

export function expectedOf(name: string): ExpectedTable {
  return JSON.parse(readFileSync(join(TESTDATA_DIR, name, "expected.json"), "utf8")) as ExpectedTable;
}

/** file:// URL of a test table (read-only). */
export function tableUrlOf(name: string): string {
  return `file://${join(TESTDATA_DIR, name, expectedOf(name).tableRoot ?? "delta")}`;
}

/** Copy a table to a temp dir (tests that modify it, or set mtimes) and return its path. */
export async function copyTable(name: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `lakeward-${name}-`));
  await cp(join(TESTDATA_DIR, name, "delta"), dir, { recursive: true });
  return dir;
}

/** Git does not keep mtimes: restore the generator's commit-file mtimes on a copy. */
export async function setCommitMtimes(tableDir: string, mtimes: Record<string, number>): Promise<void> {
  for (const [v, ms] of Object.entries(mtimes)) {
    const file = join(tableDir, "_delta_log", `${padVersion(Number(v))}.json`);
    await utimes(file, ms / 1000, ms / 1000);
  }
}
