import type { RequestContext } from "../../context";
import type { Engine } from "../../engine/port";
import { auditEngineStatement } from "../../engine/audit";
import { resultColumn } from "../../engine/types";
import { MAX_ROWS } from "../statements";
import { parseStatement } from "../parse";
import type { Explain, Query } from "../ast";
import { stringResult, type ResultSet } from "./result";
import type { Session } from "./session";
import type { StatementHandlers } from "./registry";
import { planStatement, plannerFor } from "./engine-plan";
import { planInsert } from "./engine-insert";

/**
 * SELECT (and every other query form) through the engine (issue 6 §2). At most MAX_ROWS rows
 * are fetched; the statement API cuts to the request's row_limit and chunks the rest.
 */
async function runQuery(ctx: RequestContext, session: Session, stmt: Query, engine: Engine): Promise<ResultSet> {
  return auditEngineStatement(ctx, "QUERY", async (record) => {
    const planner = await plannerFor(ctx, session, engine);
    const { plan } = await planStatement(planner, stmt.sql, record);
    const result = await engine.query(plan, MAX_ROWS);
    return { columns: result.columns.map((c) => resultColumn(c.name, c.type)), rows: result.rows, truncated: result.truncated };
  });
}

/**
 * EXPLAIN: the policies the statement would apply, then the engine's plan with storage paths
 * replaced by table names. It needs the same privileges as running the statement.
 */
async function explain(ctx: RequestContext, session: Session, stmt: Explain, engine: Engine): Promise<ResultSet> {
  return auditEngineStatement(ctx, "EXPLAIN", async (record) => {
    const planner = await plannerFor(ctx, session, engine);
    const inner = /^\s*INSERT\b/i.test(stmt.statement.sql) ? parseStatement(stmt.statement.sql) : undefined;
    const planned = inner?.kind === "Insert"
      ? await planInsert(ctx, session, planner, inner, record)
      : (await planStatement(planner, stmt.statement.sql, record)).plan;
    const facts = planner.facts;
    const lines = [
      "== Lakeward policies ==",
      ...[...facts.read].map(([name, type]) => `${type === "VIEW" ? "view" : "table"} ${name}`),
      ...facts.rowFilters.map((f) => `row filter on ${f.table}: ${f.function}`),
      ...facts.columnMasks.map((m) => `column mask on ${m.table}.${m.column}: ${m.function}`),
      "== Physical plan ==",
      await engine.explain(planned),
    ];
    return stringResult(["plan"], [[lines.join("\n")]]);
  });
}

/** Query and EXPLAIN handlers bound to an engine. */
export function queryHandlers(engine: Engine): StatementHandlers {
  return {
    Query: (ctx, session, stmt) => runQuery(ctx, session, stmt, engine),
    Explain: (ctx, session, stmt) => explain(ctx, session, stmt, engine),
  };
}
