import type { Db } from "./types";

/**
 * A query built once per database handle and then only executed: drizzle's query builder
 * costs more CPU than the round trip for the hottest lookups (every request authenticates),
 * so those are prepared with placeholders. Keyed weakly, so a per-request handle on Workers
 * takes its prepared queries with it. Only for the root handle, not inside a transaction.
 */
export function preparedQuery<Q>(build: (db: Db) => Q): (db: Db) => Q {
  const byDb = new WeakMap<Db, Q>();
  return (db) => {
    let query = byDb.get(db);
    if (query === undefined) {
      query = build(db);
      byDb.set(db, query);
    }
    return query;
  };
}
