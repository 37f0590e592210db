import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import type { EnginePlan } from "../engine/port";
import { groupSql, literal, localPath, scanGroups, scanSql, readParquet } from "./engine-scan";
import { quoteName } from "../engine/types";

/**
 * One blank instance is kept ready per option set: creating one costs 15–300 ms here, and a
 * statement should not wait for it while it also waits for the catalog. A spare has never run
 * anything and is locked down by `open` like any other, so it carries nothing between
 * statements; each is used once.
 */
const spares = new Map<string, Promise<DuckDBInstance>>();

function createInstance(options: DuckDbOptions): Promise<DuckDBInstance> {
  return DuckDBInstance.create(":memory:", {
    autoinstall_known_extensions: "false",
    autoload_known_extensions: "false",
    ...(options.threads ? { threads: String(options.threads) } : {}),
    ...(options.memoryLimit ? { memory_limit: options.memoryLimit } : {}),
  });
}

async function takeInstance(options: DuckDbOptions): Promise<DuckDBInstance> {
  const key = JSON.stringify(options);
  const spare = spares.get(key) ?? createInstance(options);
  const next = createInstance(options);
  next.catch(() => spares.delete(key));
  spares.set(key, next);
  return spare;
}

/** Knobs of the DuckDB engine (per statement). */
export interface DuckDbOptions {
  threads?: number;
  memoryLimit?: string;
  /** Longest a statement may run before it is interrupted (default 10 minutes). */
  timeoutMs?: number;
}

/**
 * One statement's DuckDB: a fresh in-memory instance, so nothing (macros, views, caches,
 * settings) outlives the statement or passes between principals (issue 6 §5). Before any
 * plan object exists it is locked down: external access off except the exact files the plan
 * reads (`allowed_paths`) and a private staging directory for writes, no extension installs or
 * autoloading, no community extensions, configuration locked so SQL cannot undo any of it.
 */
export class EngineSession {
  private constructor(
    private readonly instance: DuckDBInstance,
    readonly conn: DuckDBConnection,
  ) {}

  static async open(plan: EnginePlan, options: DuckDbOptions, stagingDir?: string): Promise<EngineSession> {
    const instance = await takeInstance(options);
    const conn = await instance.connect();
    const session = new EngineSession(instance, conn);
    try {
      const paths = plan.scans.flatMap((s) => s.files.map((f) => literal(localPath(f.url))));
      await conn.run("SET allow_community_extensions = false");
      await conn.run("SET TimeZone = 'UTC'");
      // Spark orders NULLs first ascending and last descending; DuckDB's default differs.
      await conn.run("SET default_null_order = 'nulls_first_on_asc_last_on_desc'");
      await conn.run(`SET allowed_paths = [${paths.join(", ")}]`);
      if (stagingDir) await conn.run(`SET allowed_directories = [${literal(stagingDir.endsWith("/") ? stagingDir : `${stagingDir}/`)}]`);
      await conn.run("SET enable_external_access = false");
      await conn.run("SET lock_configuration = true");
      return session;
    } catch (err) {
      session.close();
      throw err;
    }
  }

  /** Creates the plan's objects: deletion-vector tables and scans, then macros and views in order. */
  async define(plan: EnginePlan, guarded: boolean): Promise<void> {
    for (const scan of plan.scans) {
      const parts: string[] = [];
      for (const group of scanGroups(scan)) {
        if (group.dvTable) await this.deletedRows(group.dvTable, group.files[0]!.deletedRows ?? []);
        parts.push(groupSql(scan, group, await this.physicalColumns(readParquet(group))));
      }
      await this.conn.run(`CREATE TEMP VIEW ${quoteName(scan.name)} AS ${scanSql(scan, parts)}`);
    }
    for (const d of plan.definitions) {
      if (d.kind === "macro") {
        await this.conn.run(`CREATE TEMP MACRO ${quoteName(d.name)}(${d.params.join(", ")}) AS ${d.body}`);
        continue;
      }
      // Guarded mode materializes filtered views, so user predicates only ever see kept rows.
      const kind = guarded && d.guarded ? "TABLE" : "VIEW";
      await this.conn.run(`CREATE TEMP ${kind} ${quoteName(d.name)} AS ${d.sql}`);
    }
  }

  /** Column names the files of a group actually have (older files may lack newer columns). */
  private async physicalColumns(read: string): Promise<Set<string>> {
    const reader = await this.conn.runAndReadAll(`DESCRIBE SELECT * FROM ${read}`);
    return new Set(reader.getRowsJson().map((r) => String(r[0])));
  }

  private async deletedRows(table: string, rows: readonly number[]): Promise<void> {
    await this.conn.run(`CREATE TEMP TABLE ${quoteName(table)} (r BIGINT)`);
    const appender = await this.conn.createAppender(table, "main", "temp");
    for (const r of rows) {
      appender.appendBigInt(BigInt(r));
      appender.endRow();
    }
    appender.closeSync();
  }

  close(): void {
    try {
      this.conn.closeSync();
    } finally {
      this.instance.closeSync();
    }
  }
}
