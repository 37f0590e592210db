/**
 * Which checks bench/authz-checks.ts makes: a seeded, repeatable mix of operations on random
 * tables, by random users of the data set (see authz-dataset.ts).
 */
import {
  CATALOGS, SCHEMAS_PER_CATALOG, TABLES_PER_SCHEMA, USERS,
  chainCatalog, chainSchemas, schemaName, tableName, userChains,
} from "./authz-dataset";

export type BenchOperation = "table.select" | "table.read" | "schema.createTable" | "table.manage";

export interface PlannedCheck {
  /** What the mix meant to exercise, for the report. */
  label: string;
  user: string;
  operation: BenchOperation;
  /** Full names of the target and its containers. */
  target: string;
  catalog: string;
  schema: string;
  table?: string;
}

/** mulberry32: a tiny seeded generator, so every run checks the same things. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function planChecks(count: number, seed = 42): PlannedCheck[] {
  const rnd = random(seed);
  const int = (n: number) => Math.floor(rnd() * n);
  const pick = <T>(xs: readonly T[]) => xs[int(xs.length)]!;
  const onTable = (label: string, user: string, operation: BenchOperation, c: number, s: number): PlannedCheck => {
    const table = tableName(c, s, int(TABLES_PER_SCHEMA));
    return { label, user, operation, target: table, catalog: `c${c}`, schema: schemaName(c, s), table };
  };
  const checks: PlannedCheck[] = [];
  for (let i = 0; i < count; i++) {
    const u = int(USERS);
    const user = `u${u}`;
    const k = pick(userChains(u));
    const c = chainCatalog(k);
    const roll = rnd();
    if (roll < 0.3) checks.push(onTable("select, granted schema", user, "table.select", c, pick(chainSchemas(k))));
    else if (roll < 0.5) checks.push(onTable("select, random table", user, "table.select", int(CATALOGS), int(SCHEMAS_PER_CATALOG)));
    else if (roll < 0.7) checks.push(onTable("read metadata", user, "table.read", c, int(SCHEMAS_PER_CATALOG)));
    else if (roll < 0.85) {
      const s = rnd() < 0.5 ? chainSchemas(k)[0]! : int(SCHEMAS_PER_CATALOG);
      checks.push({ label: "create table", user, operation: "schema.createTable", target: schemaName(c, s), catalog: `c${c}`, schema: schemaName(c, s) });
    } else checks.push(onTable("manage", user, "table.manage", int(CATALOGS), int(SCHEMAS_PER_CATALOG)));
  }
  return checks;
}

/** The p-th percentile (0..1) of durations, nearest rank. */
export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(sorted.length * p) - 1))] ?? NaN;
}
