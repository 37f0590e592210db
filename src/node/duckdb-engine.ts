import { DuckDBInstance, DuckDBTypeId } from "@duckdb/node-api";
import { LakewardError } from "../errors";
import type { Engine, EngineColumn, EnginePlan, EngineResult, StagedFile, WriteColumn } from "../engine/port";
import { EngineSession, type DuckDbOptions } from "./engine-session";
import { deltaTypeOf, renderValue } from "./engine-values";
import { engineError, redactPaths } from "./engine-errors";
import { writeStaged } from "./engine-write";

/**
 * The Node query engine: DuckDB (@duckdb/node-api) over a plan's snapshot files, one locked-down
 * in-memory instance per statement (engine-session.ts).
 *
 * Queries first run with policy views inlined, so DuckDB can push filters into the scan. If
 * that run fails and a row filter is involved, the failure may come from a user predicate
 * evaluated on a row the filter would have dropped (DuckDB may reorder conjuncts), so the
 * statement runs again with filtered views materialized first, and only that run's outcome is
 * reported: an error can never depend on rows the caller may not see.
 */
export class DuckDbEngine implements Engine {
  private names?: Promise<ReadonlySet<string>>;

  constructor(private readonly options: DuckDbOptions = {}) {}

  functionNames(): Promise<ReadonlySet<string>> {
    this.names ??= (async () => {
      const instance = await DuckDBInstance.create(":memory:", { autoload_known_extensions: "false", autoinstall_known_extensions: "false" });
      const conn = await instance.connect();
      try {
        const r = await conn.runAndReadAll("SELECT DISTINCT lower(function_name) FROM duckdb_functions() WHERE function_type IN ('scalar', 'aggregate', 'macro', 'window')");
        return new Set(r.getRowsJson().map((row) => String(row[0])));
      } finally {
        conn.closeSync();
        instance.closeSync();
      }
    })();
    return this.names;
  }

  query(plan: EnginePlan, maxRows: number): Promise<EngineResult> {
    return this.run(plan, async (session) => {
      const reader = await session.conn.streamAndReadUntil(plan.sql, maxRows + 1);
      const types = reader.columnTypes();
      const json = reader.getRowsJson();
      const raw = types.some((t) => t.typeId === DuckDBTypeId.BLOB) ? reader.getRows() : [];
      const rows = json.slice(0, maxRows).map((row, r) => row.map((v, c) => renderValue(v, raw[r]?.[c], types[c]!)));
      const columns = reader.columnNames().map((name, i) => ({ name, type: deltaTypeOf(types[i]!) }));
      return { columns, rows, truncated: json.length > maxRows };
    });
  }

  describe(plan: EnginePlan): Promise<EngineColumn[]> {
    return this.run(plan, async (session) => {
      const reader = await session.conn.streamAndReadUntil(`SELECT * FROM (${plan.sql}) AS "__lw_d" LIMIT 0`, 0);
      return reader.columnNames().map((name, i) => ({ name, type: deltaTypeOf(reader.columnTypes()[i]!) }));
    });
  }

  explain(plan: EnginePlan): Promise<string> {
    return this.run(plan, async (session) => {
      const reader = await session.conn.runAndReadAll(`EXPLAIN ${plan.sql}`);
      return redactPaths(reader.getRowsJson().map((r) => String(r[1])).join("\n"), plan);
    });
  }

  write(plan: EnginePlan, columns: WriteColumn[]): Promise<StagedFile[]> {
    return writeStaged(plan, columns, (p, stagingDir, work) => this.run(p, work, stagingDir));
  }

  /** Runs `work` in a session holding the plan; retries guarded after an engine failure. */
  private async run<T>(plan: EnginePlan, work: (s: EngineSession) => Promise<T>, stagingDir?: string): Promise<T> {
    try {
      return await this.once(plan, false, work, stagingDir);
    } catch (err) {
      if (err instanceof LakewardError) throw err;
      if (!plan.definitions.some((d) => d.kind === "view" && d.guarded)) throw engineError(err, plan);
    }
    try {
      return await this.once(plan, true, work, stagingDir);
    } catch (err) {
      throw err instanceof LakewardError ? err : engineError(err, plan);
    }
  }

  private async once<T>(plan: EnginePlan, guarded: boolean, work: (s: EngineSession) => Promise<T>, stagingDir?: string): Promise<T> {
    const session = await EngineSession.open(plan, this.options, stagingDir);
    const limit = this.options.timeoutMs ?? 600_000;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      session.conn.interrupt();
    }, limit);
    try {
      await session.define(plan, guarded);
      return await work(session);
    } catch (err) {
      if (timedOut) throw new LakewardError("RESOURCE_EXHAUSTED", `The statement ran longer than ${Math.round(limit / 1000)} s and was stopped.`);
      throw err;
    } finally {
      clearTimeout(timer);
      session.close();
    }
  }
}
