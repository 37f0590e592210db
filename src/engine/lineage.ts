import type { RequestContext } from "../context";
import { columnLineage, tableLineage } from "../../schema/index";
import type { Relation } from "./relations";
import type { PlanFacts } from "./planner";

/** The table a write went into. */
export interface LineageTarget {
  fullName: string;
  id: string;
  /** Target column names, in the order of the query's output columns that feed them. */
  columns: (string | null)[];
}

/**
 * Records a write's lineage (issue 6 §6): a table edge from every table or view the statement
 * names to the target, and a column edge from every source column to each target column it
 * feeds (as tracked by the rewriter). Runs after the data commit; a failure here is reported
 * but cannot undo the write, which is the order Databricks' asynchronous capture also has.
 */
export async function recordLineage(ctx: RequestContext, target: LineageTarget, relation: Relation, facts: PlanFacts): Promise<{ tables: number; columns: number }> {
  const base = {
    eventTime: ctx.services.clock.now(),
    statementId: statementIdOf(ctx),
    requestId: ctx.requestId,
    entityType: "QUERY",
    createdBy: ctx.principal.name,
    principalId: ctx.principal.id,
    ...side("target", target.fullName),
    targetType: "TABLE",
    targetSecurableId: target.id,
  };
  const tables = [...facts.direct].map(([fullName, s]) => ({
    recordId: crypto.randomUUID(), ...base, ...side("source", fullName), sourceType: s.type, sourceSecurableId: s.id,
  }));
  const columns = relation.columns.flatMap((col, i) => {
    const targetColumn = target.columns[i];
    if (!targetColumn) return [];
    return col.sources.map((src) => ({
      recordId: crypto.randomUUID(), ...base, ...side("source", src.table), sourceType: facts.direct.get(src.table)?.type ?? "TABLE",
      sourceSecurableId: facts.direct.get(src.table)?.id ?? null, sourceColumnName: src.column, targetColumnName: targetColumn,
    }));
  });
  if (tables.length > 0) await ctx.services.db.insert(tableLineage).values(tables);
  if (columns.length > 0) await ctx.services.db.insert(columnLineage).values(columns);
  return { tables: tables.length, columns: columns.length };
}

function side<S extends "source" | "target">(which: S, fullName: string) {
  const [catalog, schema, name] = fullName.split(".");
  return {
    [`${which}TableFullName`]: fullName,
    [`${which}TableCatalog`]: catalog ?? "",
    [`${which}TableSchema`]: schema ?? "",
    [`${which}TableName`]: name ?? "",
  } as Record<`${S}TableFullName` | `${S}TableCatalog` | `${S}TableSchema` | `${S}TableName`, string>;
}

/** The statement API's id for the running statement, when the runner recorded one. */
function statementIdOf(ctx: RequestContext): string | null {
  const id = ctx.statementAudit?.statement_id;
  return typeof id === "string" && /^[0-9a-f-]{36}$/i.test(id) ? id : null;
}
