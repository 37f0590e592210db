import { sql } from "drizzle-orm";
import type { Db } from "./types";
import { queryRows } from "./rows";

export interface Migration {
  tag: string;
  sql: string;
}

/** Arbitrary constant: the advisory lock that serialises start-up migrations across replicas. */
const MIGRATION_LOCK = 7_263_540_001;

/**
 * Applies drizzle-kit migrations that are not yet recorded, in order, in one transaction under
 * an advisory lock, so several replicas starting together migrate exactly once. The bundle
 * comes from schema/migrations.gen.ts, which works on Node and on Workers alike.
 */
export async function applyMigrations(db: Db, migrations: readonly Migration[]): Promise<string[]> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${MIGRATION_LOCK})`);
    await tx.execute(
      sql`create table if not exists lakeward_migrations (tag text primary key, applied_at bigint not null)`,
    );
    const done = new Set((await queryRows<{ tag: string }>(tx, sql`select tag from lakeward_migrations`)).map((r) => r.tag));
    const applied: string[] = [];
    for (const m of migrations) {
      if (done.has(m.tag)) continue;
      for (const statement of m.sql.split("--> statement-breakpoint")) {
        if (statement.trim()) await tx.execute(sql.raw(statement));
      }
      await tx.execute(sql`insert into lakeward_migrations (tag, applied_at) values (${m.tag}, ${Date.now()})`);
      applied.push(m.tag);
    }
    return applied;
  });
}
