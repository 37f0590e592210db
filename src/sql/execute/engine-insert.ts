import type { RequestContext } from "../../context";
import { LakewardError } from "../../errors";
import type { Engine, EnginePlan } from "../../engine/port";
import type { QueryPlanner, PlannedQuery } from "../../engine/planner";
import { auditEngineStatement, type EngineAuditRecord } from "../../engine/audit";
import { resolveWriteTarget, writeColumns, type WriteTarget } from "../../engine/write-target";
import { commitStaged } from "../../engine/commit-files";
import { recordLineage } from "../../engine/lineage";
import type { Insert } from "../ast";
import { qualify, type Session } from "./session";
import { planStatement, plannerFor } from "./engine-plan";
import type { ResultSet } from "./result";

/** Databricks answers a write with the rows it affected. */
export function rowsWritten(rows: number): ResultSet {
  return {
    columns: [
      { name: "num_affected_rows", type_name: "LONG", type_text: "BIGINT" },
      { name: "num_inserted_rows", type_name: "LONG", type_text: "BIGINT" },
    ],
    rows: [[String(rows), String(rows)]],
  };
}

/**
 * Checks the target (MODIFY) and plans the source query (SELECT on what it reads), for EXPLAIN
 * INSERT. Nothing is written, so the audit record's `tables_written` stays empty (issue 6 §7).
 */
export async function planInsert(ctx: RequestContext, session: Session, planner: QueryPlanner, stmt: Insert, record: EngineAuditRecord): Promise<EnginePlan> {
  if (stmt.overwrite) throw new LakewardError("UNIMPLEMENTED", "INSERT OVERWRITE is not supported yet; use INSERT INTO.");
  const fullName = qualify(session, stmt.table, 3);
  await resolveWriteTarget(ctx, fullName);
  return (await planStatement(planner, stmt.query.sql, record)).plan;
}

/**
 * Runs a planned query into a Delta table: the engine stages parquet files, they are put
 * under the table's location and committed with their stats, and lineage is recorded.
 */
export async function writePlanned(ctx: RequestContext, engine: Engine, planned: PlannedQuery, target: WriteTarget, listed?: string[]): Promise<number> {
  const sourceCount = (await engine.describe(planned.plan)).length;
  const columns = writeColumns(target, sourceCount, listed);
  const staged = await engine.write(planned.plan, columns);
  const { rows } = await commitStaged(ctx, target, columns, staged);
  const feeding: (string | null)[] = Array.from({ length: sourceCount }, () => null);
  for (const c of columns) if (c.source !== null) feeding[c.source] = c.name;
  await recordLineage(ctx, { fullName: target.row.fullName, id: target.row.id, columns: feeding }, planned.relation, planned.facts);
  return rows;
}

/** INSERT INTO t [(cols)] SELECT ... | VALUES ... */
async function runInsert(ctx: RequestContext, session: Session, stmt: Insert, engine: Engine): Promise<ResultSet> {
  return auditEngineStatement(ctx, "INSERT", async (record) => {
    if (stmt.overwrite) throw new LakewardError("UNIMPLEMENTED", "INSERT OVERWRITE is not supported yet; use INSERT INTO.");
    const fullName = qualify(session, stmt.table, 3);
    record.tables_written = [fullName];
    const target = await resolveWriteTarget(ctx, fullName);
    const planner = await plannerFor(ctx, session, engine);
    const planned = await planStatement(planner, stmt.query.sql, record);
    return rowsWritten(await writePlanned(ctx, engine, planned, target, stmt.columns?.map((c) => c.value)));
  });
}

export const insertHandler = (engine: Engine) => (ctx: RequestContext, session: Session, stmt: Insert) => runInsert(ctx, session, stmt, engine);
