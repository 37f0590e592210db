import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import * as schema from "../../schema/index";
import type { Db, DbHandle } from "../db/types";

/**
 * Embedded Postgres (Node only): persisted under `dataDir`, or in memory when it is omitted
 * (tests). Same schema and migrations as the server.
 */
export async function connectPglite(dataDir?: string): Promise<DbHandle> {
  const client = dataDir ? new PGlite(dataDir) : new PGlite();
  await client.waitReady;
  const db = drizzle(client, { schema }) as unknown as Db;
  return { db, driver: "pglite", close: () => client.close() };
}
