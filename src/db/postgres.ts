import postgres from "postgres";
import { drizzle } from "drizzle-orm/postgres-js";
import * as schema from "../../schema/index";
import type { Db, DbHandle } from "./types";

export interface PostgresOptions {
  /** Pool size; Workers want 1–5, a Node server more. */
  max?: number;
}

/** Connects to a PostgreSQL server with postgres.js (Node and Workers). */
export function connectPostgres(url: string, options: PostgresOptions = {}): DbHandle {
  const client = postgres(url, { max: options.max ?? 10, onnotice: () => {}, prepare: true });
  const db = drizzle(client, { schema }) as unknown as Db;
  return { db, driver: "postgres", close: () => client.end({ timeout: 5 }) };
}
