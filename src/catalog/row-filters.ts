import { eq } from "drizzle-orm";
import type { RequestContext } from "../context";
import { audited } from "../audit/audited";
import { LakewardError, invalidArgument } from "../errors";
import { tableDetails, type StoredColumn } from "../../schema/index";
import { parseTypeText, typeText } from "../delta/type-text";
import type { DeltaType } from "../delta/schema";
import { FUNCTION, TABLE } from "./kinds";
import { resolveVisible } from "./securable-verbs";
import { findSecurableById, updateSecurable } from "./rows";
import { toFunctionInfos } from "./functions";
import { loadTableDetails, toTableInfos, type TableInfo } from "./table-info";

/** A function about to become a row filter or column mask, with its types. */
export interface PolicyFunction {
  fullName: string;
  params: DeltaType[];
  returns: DeltaType;
}

/**
 * Resolves a filter or mask function: it must be visible and the caller must hold EXECUTE on
 * it (with USE CATALOG and USE SCHEMA), and it must be a SQL function (uc-semantics §4).
 */
export async function policyFunctionRef(ctx: RequestContext, fullName: string): Promise<PolicyFunction> {
  const row = await resolveVisible(ctx, FUNCTION, fullName);
  await ctx.services.authz.authorize(ctx.principal, "function.execute", row);
  const info = (await toFunctionInfos(ctx.services.db, [row]))[0]!;
  if (info.routine_body !== "SQL") throw invalidArgument(`${row.fullName} is not a SQL function; filters and masks must be SQL functions.`);
  const type = (text: string) => {
    try {
      return parseTypeText(text);
    } catch {
      throw invalidArgument(`Function ${row.fullName} uses the type '${text}', which filters and masks cannot use.`);
    }
  };
  const params = [...(info.input_params.parameters ?? [])].sort((a, b) => a.position - b.position).map((p) => type(p.type_text));
  return { fullName: row.fullName, params, returns: type(info.full_data_type || info.data_type) };
}

/** A row filter takes the ON columns and returns BOOLEAN. */
export function validateFilterFunction(fn: PolicyFunction, on: string[]): void {
  if (fn.params.length !== on.length) throw invalidArgument(`[ROW_COLUMN_ACCESS] Row filter ${fn.fullName} takes ${fn.params.length} arguments but ${on.length} columns were given.`);
  if (typeText(fn.returns) !== "boolean") throw invalidArgument(`[ROW_COLUMN_ACCESS] Row filter ${fn.fullName} must return BOOLEAN, not ${typeText(fn.returns).toUpperCase()}.`);
}

/** A mask takes the column then the USING columns, and returns the column's own type. */
export function validateMaskFunction(fn: PolicyFunction, column: Pick<StoredColumn, "name" | "type_text">, using: string[], columns: Pick<StoredColumn, "name">[]): void {
  for (const u of using) {
    if (u.toLowerCase() === column.name.toLowerCase()) throw invalidArgument(`[ROW_COLUMN_ACCESS] USING COLUMNS may not repeat the masked column ${column.name}.`);
    if (!columns.some((c) => c.name.toLowerCase() === u.toLowerCase())) throw invalidArgument(`Column '${u}' is not a column of the table.`);
  }
  if (fn.params.length !== 1 + using.length) throw invalidArgument(`[ROW_COLUMN_ACCESS] Mask ${fn.fullName} takes ${fn.params.length} arguments but the column and ${using.length} USING columns were given.`);
  if (typeText(fn.returns) !== typeText(parseTypeText(column.type_text))) {
    throw invalidArgument(`[ROW_COLUMN_ACCESS] Mask ${fn.fullName} returns ${typeText(fn.returns).toUpperCase()} but column ${column.name} is ${column.type_text.toUpperCase()}.`);
  }
}

type PolicyChange =
  | { kind: "setFilter"; function: string; columns: string[] }
  | { kind: "dropFilter" }
  | { kind: "setMask"; column: string; function: string; using: string[] }
  | { kind: "dropMask"; column: string };

/**
 * ALTER TABLE ... SET/DROP ROW FILTER and ALTER COLUMN ... SET/DROP MASK (issue 6 §4): needs
 * ownership or MANAGE on the table (the manage rule), and EXECUTE on a new function.
 */
export async function changeTablePolicy({ ctx, fullName, change }: { ctx: RequestContext; fullName: string; change: PolicyChange }): Promise<TableInfo> {
  return audited(ctx, { name: "updateTable", securableType: "table", securableFullName: fullName, params: { policy: change } }, async (scope) => {
    const row = await resolveVisible(ctx, TABLE, fullName);
    scope.target({ securableId: row.id, securableFullName: row.fullName });
    await ctx.services.authz.authorize(ctx.principal, "table.manage", row);
    const detail = (await loadTableDetails(ctx.services.db, [row.id])).get(row.id)!;
    if (detail.tableType === "VIEW") throw invalidArgument(`${row.fullName} is a view; row filters and masks apply to tables.`);
    const columnOf = (name: string) => {
      const c = detail.columns.find((x) => x.name.toLowerCase() === name.toLowerCase());
      if (!c) throw invalidArgument(`Column '${name}' is not a column of ${row.fullName}.`);
      return c;
    };
    let { columns, rowFilter } = detail;
    if (change.kind === "setFilter") {
      const fn = await policyFunctionRef(ctx, change.function);
      const on = change.columns.map((c) => columnOf(c).name);
      validateFilterFunction(fn, on);
      rowFilter = { function_name: fn.fullName, input_column_names: on };
    } else if (change.kind === "dropFilter") {
      if (!rowFilter) throw new LakewardError("FAILED_PRECONDITION", `${row.fullName} has no row filter.`);
      rowFilter = null;
    } else {
      const target = columnOf(change.column);
      let mask: StoredColumn["mask"] = null;
      if (change.kind === "setMask") {
        const fn = await policyFunctionRef(ctx, change.function);
        const using = change.using.map((u) => columnOf(u).name);
        validateMaskFunction(fn, target, using, detail.columns);
        mask = { function_name: fn.fullName, using_column_names: using };
      } else if (!target.mask) {
        throw new LakewardError("FAILED_PRECONDITION", `Column ${target.name} of ${row.fullName} has no mask.`);
      }
      columns = columns.map((c) => (c === target ? { ...c, mask } : c));
    }
    return scope.commit(async (tx) => {
      await tx.update(tableDetails).set({ columns, rowFilter }).where(eq(tableDetails.securableId, row.id));
      await updateSecurable(tx, row.id, { updatedBy: ctx.principal.name }, ctx.services.clock.now());
      return (await toTableInfos(tx, [(await findSecurableById(tx, row.id))!]))[0]!;
    });
  });
}
