import type { RequestContext } from "../../context";
import { LakewardError, invalidArgument } from "../../errors";
import { createTable, deleteTable, getTable } from "../../catalog/tables";
import { schemaToColumnInfos } from "../../delta/catalog-columns";
import type { StructType } from "../../delta/schema";
import type { Engine } from "../../engine/port";
import { auditEngineStatement } from "../../engine/audit";
import { storableType } from "../../engine/types";
import type { ColumnInput } from "../../catalog/columns";
import type { CreateView } from "../ast";
import { qualify, type Session } from "./session";
import { ifExists } from "./namespace";
import { EMPTY_RESULT, type ResultSet } from "./result";
import { planStatement, plannerFor } from "./engine-plan";

/**
 * CREATE VIEW (issue 6 §2): the definition is planned with the creator's rights — so the
 * creator must be able to read what it reads — and its result columns become the view's.
 * The view keeps the session's catalog and schema, so unqualified names in its text resolve
 * the same way whenever and by whomever it is read.
 */
async function createViewStmt(ctx: RequestContext, session: Session, stmt: CreateView, engine: Engine): Promise<ResultSet> {
  return auditEngineStatement(ctx, "CREATE VIEW", async (record) => {
    const fullName = qualify(session, stmt.name, 3);
    const [catalog, schema, name] = fullName.split(".") as [string, string, string];
    const planner = await plannerFor(ctx, session, engine);
    const planned = await planStatement(planner, stmt.query.sql, record);
    const result = await engine.describe(planned.plan);
    if (stmt.columns && stmt.columns.length !== result.length) throw invalidArgument(`The view lists ${stmt.columns.length} columns but its query returns ${result.length}.`);
    const fields = result.map((c, i) => {
      const given = stmt.columns?.[i];
      const fieldName = given?.name.value ?? c.name;
      return { name: fieldName, type: storableType(fieldName, c.type), nullable: true, metadata: given?.comment ? { comment: given.comment } : {} };
    });
    const names = new Set<string>();
    for (const f of fields) {
      if (names.has(f.name.toLowerCase())) throw invalidArgument(`[COLUMN_ALREADY_EXISTS] The view would have two columns named '${f.name}'; alias them.`);
      names.add(f.name.toLowerCase());
    }
    const struct: StructType = { kind: "struct", fields };
    const properties: Record<string, string> = {};
    if (session.catalog) properties["lakeward.view.catalog"] = session.catalog;
    if (session.schema) properties["lakeward.view.schema"] = session.schema;
    const dependencies = [
      ...[...planner.facts.direct.keys()].map((t) => ({ table: { table_full_name: t } })),
      ...[...planner.facts.functions].map((f) => ({ function: { function_full_name: f } })),
    ];
    if (stmt.orReplace) {
      await ifExists(true, async () => {
        const existing = await getTable({ ctx, fullName });
        if (existing.table_type !== "VIEW") throw invalidArgument(`${fullName} is a table, not a view.`);
        await deleteTable({ ctx, fullName });
      });
    }
    try {
      await createTable({
        ctx,
        input: {
          name, catalog_name: catalog, schema_name: schema, table_type: "VIEW", columns: schemaToColumnInfos(struct) as ColumnInput[],
          comment: stmt.comment, properties, view_definition: stmt.query.sql, view_dependencies: { dependencies },
        },
      });
    } catch (err) {
      if (!(stmt.ifNotExists && err instanceof LakewardError && err.code === "TABLE_ALREADY_EXISTS")) throw err;
    }
    return EMPTY_RESULT;
  });
}

export const createViewHandler = (engine: Engine) => (ctx: RequestContext, session: Session, stmt: CreateView) => createViewStmt(ctx, session, stmt, engine);
