import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import type * as schema from "../../schema/index";

export type Schema = typeof schema;

/**
 * The database as every domain verb sees it: drizzle over postgres.js or PGlite. A transaction
 * has the same type, so helpers take `Db` and work inside or outside one.
 */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

/** An open connection and how to close it. */
export interface DbHandle {
  db: Db;
  /** Which driver is underneath, for logs and the health endpoint. */
  driver: "postgres" | "pglite";
  close(): Promise<void>;
}
