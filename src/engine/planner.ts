import type { RequestContext } from "../context";
import type { Session } from "../sql/execute/session";
import { LakewardError } from "../errors";
import { notFound } from "../authz/securables";
import { findSecurable, type SecurableRow } from "../catalog/rows";
import { findTableWithDetails, type TableDetailRow } from "../catalog/table-info";
import { normalizeSql } from "./dialect";
import type { QueryIdentity } from "./identity";
import { parseQueryAst, printQuery } from "./sql-ast";
import { QueryRewriter, type RewriteHooks } from "./walker";
import { tableRelation, type Relation } from "./relations";
import { authorizeAs, callerAuthority, type Authority } from "./authority";
import { FunctionCompiler } from "./function-compiler";
import { qualifyParts } from "./names";
import { PolicyBuilder } from "./policy-builder";
import { quoteName } from "./types";
import type { EngineDefinition, EngineMacro, EnginePlan, TableScan } from "./port";

/** Audit facts of one planned statement (issue 6 §7). */
export interface PlanFacts {
  /** Every table and view read, underlying ones included, by full name → TABLE | VIEW. */
  read: Map<string, "TABLE" | "VIEW">;
  /** Tables and views the statement itself names (lineage sources). */
  direct: Map<string, { type: "TABLE" | "VIEW"; id: string }>;
  functions: Set<string>;
  rowFilters: { table: string; function: string }[];
  columnMasks: { table: string; column: string; function: string }[];
}

export interface PlannedQuery {
  plan: EnginePlan;
  relation: Relation;
  facts: PlanFacts;
}

const MAX_NESTING = 16;

/**
 * Turns one user query into an engine plan (issue 6 §2–5): parses it, checks privileges on
 * every table, view and function it reaches, and replaces each with what the engine may run —
 * policy views over exact snapshot files, views' definitions under their owners' rights, and
 * functions as macros. One planner serves one statement.
 */
export class QueryPlanner {
  readonly facts: PlanFacts = { read: new Map(), direct: new Map(), functions: new Set(), rowFilters: [], columnMasks: [] };
  private readonly scans: TableScan[] = [];
  private readonly definitions: EngineDefinition[] = [];
  private macroCount = 0;
  private viewCount = 0;
  private readonly relations = new Map<string, Promise<{ sqlName: string; columns: string[] }>>();
  private readonly building = new Set<string>();
  readonly functions = new FunctionCompiler(this);
  private readonly policies = new PolicyBuilder(this);
  private nesting = 0;

  constructor(
    readonly ctx: RequestContext,
    private readonly session: Session,
    private readonly builtins: ReadonlySet<string>,
    readonly identity: QueryIdentity,
  ) {}

  /** Plans a query with the caller's rights. */
  async planQuery(sql: string): Promise<PlannedQuery> {
    const { sql: rewritten, relation } = await this.compile(sql, callerAuthority(this.ctx), this.session);
    return { plan: this.planFor(rewritten), relation, facts: this.facts };
  }

  /** A plan running `sql` over everything planned so far (used for writes and EXPLAIN). */
  planFor(sql: string): EnginePlan {
    const redactErrors = this.facts.rowFilters.length > 0 || this.facts.columnMasks.length > 0;
    return { scans: this.scans, definitions: this.definitions, sql, redactErrors };
  }

  /** Registers a scan and returns its engine name (for the policy builder). */
  addScan(make: (name: string) => Promise<TableScan>): Promise<TableScan> {
    return make(`__lw_scan_${this.scans.length}`).then((scan) => (this.scans.push(scan), scan));
  }

  /** Registers a macro after its dependencies. */
  addMacro(make: (name: string) => EngineMacro): EngineMacro {
    const macro = make(`__lw_fn_${this.macroCount++}`);
    this.definitions.push({ kind: "macro", ...macro });
    return macro;
  }

  /** Registers a view after its dependencies and returns its engine name. */
  addView(sql: string, guarded: boolean): string {
    const name = `__lw_v_${this.viewCount++}`;
    this.definitions.push({ kind: "view", name, sql, guarded });
    return name;
  }

  private async compile(sql: string, authority: Authority, session: Session): Promise<{ sql: string; relation: Relation }> {
    const normalized = normalizeSql(sql, this.identity);
    const ast = parseQueryAst(normalized.text);
    const relation = await new QueryRewriter(this.hooks(authority, session), normalized.functions).query(ast);
    return { sql: printQuery(ast), relation };
  }

  /** How the rewriter resolves names for one authority and catalog/schema context. */
  hooks(authority: Authority, session: Session): RewriteHooks {
    return {
      table: (parts) => this.table(parts, authority, session),
      catalogFunction: (parts) => this.callable(parts, authority, session),
      isBuiltin: (name) => this.builtins.has(name),
    };
  }

  private async table(parts: string[], authority: Authority, session: Session): Promise<{ sqlName: string; relation: Relation }> {
    const fullName = qualifyParts(parts, session);
    const found = await findTableWithDetails(this.ctx.services.db, fullName);
    if (!found) throw authority.via ? new LakewardError("PERMISSION_DENIED", `${authority.via} uses an object that no longer exists.`) : notFound("table", fullName);
    const { row, detail } = found;
    await authorizeAs(this.ctx, authority, "table.select", row);
    const type = detail.tableType === "VIEW" ? "VIEW" : "TABLE";
    this.facts.read.set(fullName, type);
    if (!authority.via) this.facts.direct.set(fullName, { type, id: row.id });
    // A view reading itself, or a policy whose function reads its own table, would wait on itself.
    if (this.building.has(row.id)) throw new LakewardError("INVALID_ARGUMENT", `${fullName} refers to itself through its definition, row filter or column mask.`);
    let pending = this.relations.get(row.id);
    if (!pending) {
      this.building.add(row.id);
      pending = (type === "VIEW" ? this.view(row, detail) : this.policies.viewOf(row, detail)).finally(() => this.building.delete(row.id));
      this.relations.set(row.id, pending);
    }
    const { sqlName, columns } = await pending;
    return { sqlName, relation: tableRelation(fullName, columns) };
  }

  /** A catalog view: its definition, planned with the view owner's rights. */
  private async view(row: SecurableRow, detail: TableDetailRow): Promise<{ sqlName: string; columns: string[] }> {
    if (++this.nesting > MAX_NESTING) throw new LakewardError("INVALID_ARGUMENT", `Views nest more than ${MAX_NESTING} deep at ${row.fullName}.`);
    try {
      const authority = await this.functions.ownerOf(row, `view ${row.fullName}`);
      const [catalog, schema] = row.fullName.split(".");
      const session = { catalog: row.properties["lakeward.view.catalog"] ?? catalog, schema: row.properties["lakeward.view.schema"] ?? schema };
      const { sql, relation } = await this.compile(detail.viewDefinition ?? "", authority, session);
      const columns = detail.columns.length > 0 ? detail.columns.map((c) => c.name) : relation.columns.map((c) => c.name);
      const renamed = detail.columns.length > 0 ? `SELECT * FROM (${sql}) AS "__lw_q"(${columns.map(quoteName).join(", ")})` : sql;
      return { sqlName: this.addView(renamed, false), columns };
    } finally {
      this.nesting--;
    }
  }

  /** A function called by name: needs EXECUTE (for the caller, or the owner lending rights). */
  private async callable(parts: string[], authority: Authority, session: Session): Promise<string> {
    const unknown = () => new LakewardError("NOT_FOUND", `[UNRESOLVED_ROUTINE] Cannot resolve function ${parts.join(".")}: it is neither built in nor a catalog function.`);
    if (parts.length === 1 && (!session.catalog || !session.schema)) throw unknown();
    const fullName = qualifyParts(parts, session);
    const row = await findSecurable(this.ctx.services.db, "function", fullName);
    if (!row) throw unknown();
    await authorizeAs(this.ctx, authority, "function.execute", row);
    this.facts.functions.add(fullName);
    return (await this.functions.macroOf(row)).macro.name;
  }
}
