import type { RequestContext } from "../../context";
import type { Engine } from "../../engine/port";
import { QueryPlanner, type PlannedQuery } from "../../engine/planner";
import { queryIdentity } from "../../engine/identity";
import { noteFacts, type EngineAuditRecord } from "../../engine/audit";
import type { Session } from "./session";

/** A planner for one statement, answering identity functions for the caller. */
export async function plannerFor(ctx: RequestContext, session: Session, engine: Engine): Promise<QueryPlanner> {
  const identity = queryIdentity(ctx.principal.name, ctx.principal.closure.groupNames, session);
  return new QueryPlanner(ctx, session, await engine.functionNames(), identity);
}

/**
 * Plans a query for a statement, keeping what planning learned in the audit record even when
 * it is refused half-way (a denied second table still shows the first one read).
 */
export async function planStatement(planner: QueryPlanner, sql: string, record: EngineAuditRecord): Promise<PlannedQuery> {
  try {
    return await planner.planQuery(sql);
  } finally {
    noteFacts(record, planner.facts);
  }
}
