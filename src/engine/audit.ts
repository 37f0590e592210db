import type { RequestContext } from "../context";
import { isDenial, LakewardError } from "../errors";
import type { PlanFacts } from "./planner";

/** What the statement's audit row records about one engine statement (issue 6 §7). */
export interface EngineAuditRecord {
  statement: string;
  principal: string;
  tables_read: string[];
  views_read: string[];
  tables_written: string[];
  functions: string[];
  row_filters: { table: string; function: string }[];
  column_masks: { table: string; column: string; function: string }[];
  /** Whether any row filter or column mask shaped what the statement saw. */
  policies_applied: boolean;
  outcome: "running" | "success" | "denied" | "failed";
  error_code?: string;
}

/**
 * Runs an engine statement and keeps its facts in `ctx.statementAudit.engine`, which the
 * statement API writes into the executeStatement audit row — for failures and denials too.
 */
export async function auditEngineStatement<T>(ctx: RequestContext, statement: string, work: (record: EngineAuditRecord) => Promise<T>): Promise<T> {
  const record: EngineAuditRecord = {
    statement, principal: ctx.principal.name, tables_read: [], views_read: [], tables_written: [], functions: [],
    row_filters: [], column_masks: [], policies_applied: false, outcome: "running",
  };
  const audit = (ctx.statementAudit ??= {});
  audit.engine = [...((audit.engine as EngineAuditRecord[] | undefined) ?? []), record];
  try {
    const result = await work(record);
    record.outcome = "success";
    return result;
  } catch (err) {
    const code = err instanceof LakewardError ? err.code : "INTERNAL";
    record.outcome = isDenial(err) ? "denied" : "failed";
    record.error_code = code;
    throw err;
  }
}

/** Copies a planner's facts into the audit record (called as soon as planning got anywhere). */
export function noteFacts(record: EngineAuditRecord, facts: PlanFacts): void {
  record.tables_read = [...facts.read].filter(([, t]) => t === "TABLE").map(([n]) => n);
  record.views_read = [...facts.read].filter(([, t]) => t === "VIEW").map(([n]) => n);
  record.functions = [...facts.functions];
  record.row_filters = facts.rowFilters;
  record.column_masks = facts.columnMasks;
  record.policies_applied = facts.rowFilters.length > 0 || facts.columnMasks.length > 0;
}
