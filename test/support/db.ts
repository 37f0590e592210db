import { readFileSync } from "node:fs";
import postgres from "postgres";
import { inject } from "vitest";
import { connectPostgres } from "../../src/db/postgres";
import { connectPglite } from "../../src/node/pglite";
import type { DbHandle } from "../../src/db/types";

/**
 * A fresh database for one test file (DESIGN §6.7): in-memory PGlite by default, or a new
 * database on the PostgreSQL server named by LAKEWARD_TEST_DATABASE_URL, dropped on close.
 * The same suite runs on both.
 */
export async function createTestDb(): Promise<DbHandle> {
  const serverUrl = process.env.LAKEWARD_TEST_DATABASE_URL;
  if (!serverUrl) {
    const template = inject("pgliteTemplate");
    return connectPglite(undefined, template ? { loadDataDir: new Blob([readFileSync(template)]) } : {});
  }
  const name = `lw_test_${crypto.randomUUID().replace(/-/g, "").slice(0, 20)}`;
  await withAdmin(serverUrl, (sql) => sql.unsafe(`create database ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = connectPostgres(url.toString(), { max: 8 });
  return {
    ...handle,
    close: async () => {
      await handle.close();
      await withAdmin(serverUrl, (sql) => sql.unsafe(`drop database if exists ${name} with (force)`));
    },
  };
}

/** URL of a fresh server database for tests that start their own processes (replicas). */
export async function createServerDatabase(): Promise<{ url: string; drop(): Promise<void> } | undefined> {
  const serverUrl = process.env.LAKEWARD_TEST_DATABASE_URL;
  if (!serverUrl) return undefined;
  const name = `lw_test_${crypto.randomUUID().replace(/-/g, "").slice(0, 20)}`;
  await withAdmin(serverUrl, (sql) => sql.unsafe(`create database ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => withAdmin(serverUrl, (sql) => sql.unsafe(`drop database if exists ${name} with (force)`)).then(() => {}) };
}

async function withAdmin<T>(url: string, work: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    return await work(sql);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/** Which database the suite runs on, for test names and skips. */
export const testDatabaseKind = process.env.LAKEWARD_TEST_DATABASE_URL ? "postgres" : "pglite";
