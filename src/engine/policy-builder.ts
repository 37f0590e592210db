import type { RequestContext } from "../context";
import { LakewardError } from "../errors";
import type { SecurableRow } from "../catalog/rows";
import type { TableDetailRow } from "../catalog/table-info";
import type { EngineMacro, TableScan } from "./port";
import type { FunctionSignature } from "./functions";
import type { FunctionCompiler } from "./function-compiler";
import { policyViewSql, type PolicyCall } from "./policies";
import { snapshotScan } from "./scan";
import type { PlanFacts } from "./planner";

/** What the policy builder needs from the planner. */
export interface PolicyHost {
  readonly ctx: RequestContext;
  readonly facts: PlanFacts;
  addScan(make: (name: string) => Promise<TableScan>): Promise<TableScan>;
  addView(sql: string, guarded: boolean): string;
  readonly functions: FunctionCompiler;
}

/**
 * Builds the policy view of a table (policies.ts) from its catalog entry and snapshot. It fails
 * closed: a filter or mask whose function or columns cannot be found stops the query instead of
 * letting the table be read without it.
 */
export class PolicyBuilder {
  constructor(private readonly host: PolicyHost) {}

  async viewOf(row: SecurableRow, detail: TableDetailRow): Promise<{ sqlName: string; columns: string[] }> {
    if (!row.storageLocation) throw new LakewardError("FAILED_PRECONDITION", `Table ${row.fullName} has no storage location.`);
    const format = (detail.dataSourceFormat ?? "DELTA").toUpperCase();
    if (format !== "DELTA") throw new LakewardError("UNIMPLEMENTED", `Table ${row.fullName} is ${format}; the query engine reads Delta tables.`);
    const scan = await this.host.addScan((name) => snapshotScan(this.host.ctx, name, row.fullName, row.storageLocation!));
    const columnOf = (name: string, role: string): string => {
      const hit = scan.columns.find((c) => c.name.toLowerCase() === name.toLowerCase());
      if (!hit) throw this.broken(row, `its ${role} uses column '${name}', which the table's data does not have`);
      return hit.name;
    };
    const functionNames = [...detail.columns.flatMap((c) => (c.mask ? [c.mask.function_name] : [])), ...(detail.rowFilter ? [detail.rowFilter.function_name] : [])];
    const masks = new Map<string, PolicyCall>();
    for (const column of detail.columns) {
      if (!column.mask) continue;
      const target = columnOf(column.name, "column mask");
      const { macro, signature } = await this.policyFunction(row, column.mask.function_name, functionNames);
      const columns = [target, ...column.mask.using_column_names.map((c) => columnOf(c, "column mask"))];
      masks.set(target.toLowerCase(), { macro: macro.name, params: signature.params.map((p) => p.type), columns });
      this.host.facts.columnMasks.push({ table: row.fullName, column: target, function: column.mask.function_name });
    }
    let filter: PolicyCall | undefined;
    if (detail.rowFilter) {
      const { macro, signature } = await this.policyFunction(row, detail.rowFilter.function_name, functionNames);
      const columns = detail.rowFilter.input_column_names.map((c) => columnOf(c, "row filter"));
      filter = { macro: macro.name, params: signature.params.map((p) => p.type), columns };
      this.host.facts.rowFilters.push({ table: row.fullName, function: detail.rowFilter.function_name });
    }
    const sql = policyViewSql({ scan: scan.name, columns: scan.columns.map((c) => ({ name: c.name, type: c.type })), masks, filter });
    return { sqlName: this.host.addView(sql, filter !== undefined), columns: scan.columns.map((c) => c.name) };
  }

  /**
   * A filter or mask function. Readers need no EXECUTE on it: whoever attached it had EXECUTE
   * then (uc-semantics §4); its body runs with its owner's rights.
   */
  private async policyFunction(row: SecurableRow, fullName: string, all: string[]): Promise<{ macro: EngineMacro; signature: FunctionSignature }> {
    const fn = await this.host.functions.functionNamed(fullName, all);
    if (!fn) throw this.broken(row, `its policy function ${fullName} no longer exists`);
    return this.host.functions.macroOf(fn.row);
  }

  private broken(row: SecurableRow, why: string): LakewardError {
    return new LakewardError("FAILED_PRECONDITION", `Table ${row.fullName} cannot be read: ${why}. Its owner must fix or drop the row filter or column mask.`);
  }
}
