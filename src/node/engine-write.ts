import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DeltaType } from "../delta/schema";
import type { EnginePlan, StagedFile, WriteColumn, WrittenStats } from "../engine/port";
import { quoteName, sqlType } from "../engine/types";
import type { EngineSession } from "./engine-session";
import { literal } from "./engine-scan";

type Runner = <T>(plan: EnginePlan, stagingDir: string, work: (s: EngineSession) => Promise<T>) => Promise<T>;

/**
 * Runs a write's query and stages its rows as parquet files (issue 6 §2): rows are cast to the
 * target's types under its physical names, split by partition values (which Delta keeps in the
 * log, not the files), and each file's stats are computed for its `add` action. DuckDB may
 * write only into a private temporary directory; the caller moves files into the table.
 */
export async function writeStaged(plan: EnginePlan, columns: WriteColumn[], run: Runner): Promise<StagedFile[]> {
  const dir = await mkdtemp(join(tmpdir(), "lakeward-write-"));
  try {
    return await run(plan, dir, async (session) => {
      const probe = await session.conn.streamAndReadUntil(`SELECT * FROM (${plan.sql}) AS "__lw_d" LIMIT 0`, 0);
      const aliases = Array.from({ length: probe.columnCount }, (_, i) => `"__lw_c${i}"`).join(", ");
      const casts = columns.map((c) => `CAST(${c.source === null ? "NULL" : `"__lw_c${c.source}"`} AS ${sqlType(c.type)}) AS ${quoteName(c.physical)}`);
      const parts = columns.filter((c) => c.partition);
      const group = parts.length ? `dense_rank() OVER (ORDER BY ${parts.map((p) => quoteName(p.physical)).join(", ")})` : "1";
      await session.conn.run(
        `CREATE TEMP TABLE "__lw_out" AS SELECT *, ${group} AS "__lw_g" FROM (SELECT ${casts.join(", ")} FROM (${plan.sql}) AS "__lw_src"(${aliases})) AS "__lw_t"`,
      );
      const groups = (await session.conn.runAndReadAll(`SELECT DISTINCT "__lw_g"${parts.map((p) => `, ${rawPartition(p)}`).join("")} FROM "__lw_out" ORDER BY 1`)).getRowsJson();
      const data = columns.filter((c) => !c.partition);
      const files: StagedFile[] = [];
      for (const [i, row] of groups.entries()) {
        const file = join(dir, `part-${i}.parquet`);
        const where = `FROM "__lw_out" WHERE "__lw_g" = ${Number(row[0])}`;
        await session.conn.run(`COPY (SELECT ${data.map((c) => quoteName(c.physical)).join(", ")} ${where}) TO ${literal(file)} (FORMAT parquet, COMPRESSION snappy)`);
        const partitionValues = Object.fromEntries(parts.map((p, j) => [p.name, row[j + 1] === null ? null : String(row[j + 1])]));
        files.push({ bytes: new Uint8Array(await readFile(file)), partitionValues, stats: await fileStats(session, data, where) });
      }
      return files;
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A partition column's value serialized as Delta stores it in `partitionValues`. */
function rawPartition(c: WriteColumn): string {
  const col = quoteName(c.physical);
  if (c.type.kind === "primitive" && c.type.name === "date") return `strftime(${col}, '%Y-%m-%d')`;
  if (c.type.kind === "primitive" && c.type.name === "timestamp") return `strftime(${col}, '%Y-%m-%dT%H:%M:%S.%fZ')`;
  if (c.type.kind === "primitive" && c.type.name === "timestamp_ntz") return `strftime(${col}, '%Y-%m-%d %H:%M:%S.%f')`;
  return `CAST(${col} AS VARCHAR)`;
}

/** numRecords, min/max (for types whose bounds JSON can carry exactly) and null counts. */
async function fileStats(session: EngineSession, data: WriteColumn[], where: string): Promise<WrittenStats> {
  const bounded = data.filter((c) => boundable(c.type));
  const exprs = ["count(*)", ...data.map((c) => `count(*) - count(${quoteName(c.physical)})`), ...bounded.flatMap((c) => [`min(${quoteName(c.physical)})`, `max(${quoteName(c.physical)})`])];
  const [row] = (await session.conn.runAndReadAll(`SELECT ${exprs.join(", ")} ${where}`)).getRowsJson();
  const stats: WrittenStats = { numRecords: Number(row![0]), minValues: {}, maxValues: {}, nullCount: {} };
  data.forEach((c, i) => (stats.nullCount[c.name] = Number(row![1 + i])));
  bounded.forEach((c, i) => {
    const min = bound(row![1 + data.length + 2 * i], c.type, "min");
    const max = bound(row![2 + data.length + 2 * i], c.type, "max");
    if (min !== undefined && max !== undefined) {
      stats.minValues[c.name] = min;
      stats.maxValues[c.name] = max;
    }
  });
  return stats;
}

function boundable(t: DeltaType): boolean {
  if (t.kind === "decimal") return t.precision <= 15;
  return t.kind === "primitive" && ["byte", "short", "integer", "long", "float", "double", "string", "date"].includes(t.name);
}

/** A JSON bound, or undefined when it cannot be stated exactly (big longs, NaN, long strings). */
function bound(v: unknown, t: DeltaType, which: "min" | "max"): unknown {
  if (v === null || v === undefined) return undefined;
  if (t.kind === "primitive" && (t.name === "string" || t.name === "date")) {
    const s = String(v);
    if (s.length <= 32) return s;
    // A prefix is still a lower bound; an upper bound cannot be shortened this way.
    return which === "min" && t.name === "string" ? [...s].slice(0, 32).join("") : undefined;
  }
  const n = Number(v);
  if (!Number.isFinite(n) || (Number.isInteger(n) && !Number.isSafeInteger(n))) return undefined;
  return n;
}
