import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import * as schema from "../../schema/index";
import type { Db, DbHandle } from "../db/types";

/**
 * Embedded Postgres (Node only): persisted under `dataDir`, or in memory when it is omitted
 * (tests). Same schema and migrations as the server.
 */
export async function connectPglite(dataDir?: string, options: { loadDataDir?: Blob } = {}): Promise<DbHandle & { pglite: PGlite }> {
  const client = new PGlite(dataDir, options.loadDataDir ? { loadDataDir: options.loadDataDir } : {});
  await client.waitReady;
  const db = drizzle(client, { schema }) as unknown as Db;
  return { db, driver: "pglite", pglite: client, close: () => client.close() };
}
