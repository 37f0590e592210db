import { LakewardError } from "../../errors";
import { changeTablePolicy } from "../../catalog/row-filters";
import type { StatementHandlers } from "./registry";
import { qualify } from "./session";
import { EMPTY_RESULT } from "./result";

/**
 * ALTER TABLE t SET ROW FILTER f ON (cols) | DROP ROW FILTER, and
 * ALTER TABLE t ALTER COLUMN c SET MASK m [USING COLUMNS (...)] | DROP MASK (uc-semantics §4).
 */
export const policyHandlers: StatementHandlers = {
  AlterTableSetRowFilter: async (ctx, session, stmt) => {
    const change = { kind: "setFilter" as const, function: qualify(session, stmt.filter.function, 3), columns: stmt.filter.columns.map((c) => c.value) };
    await changeTablePolicy({ ctx, fullName: qualify(session, stmt.table, 3), change });
    return EMPTY_RESULT;
  },
  AlterTableDropRowFilter: async (ctx, session, stmt) => {
    await changeTablePolicy({ ctx, fullName: qualify(session, stmt.table, 3), change: { kind: "dropFilter" } });
    return EMPTY_RESULT;
  },
  AlterColumnSetMask: async (ctx, session, stmt) => {
    const using = stmt.mask.using.map((u) => {
      if (u.kind !== "column") throw new LakewardError("UNIMPLEMENTED", "Constants in MASK ... USING COLUMNS are not supported; pass columns.");
      return u.name.value;
    });
    const change = { kind: "setMask" as const, column: stmt.column.value, function: qualify(session, stmt.mask.function, 3), using };
    await changeTablePolicy({ ctx, fullName: qualify(session, stmt.table, 3), change });
    return EMPTY_RESULT;
  },
  AlterColumnDropMask: async (ctx, session, stmt) => {
    await changeTablePolicy({ ctx, fullName: qualify(session, stmt.table, 3), change: { kind: "dropMask", column: stmt.column.value } });
    return EMPTY_RESULT;
  },
};
