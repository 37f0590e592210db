import type { AstNode } from "./sql-ast";
import { notFound } from "../authz/securables";
import { assertCallable, assertNotReserved, assertTableFunction, refused, unsupported } from "./refusals";
import { EMPTY_RELATION, lookupColumn, mergeSources, unionRelations, type ColumnSource, type FromEntry, type Relation } from "./relations";
import { columnName, cteName, fixJoinKeywords, nameParts, qualifier, renameColumns } from "./ast-shapes";

/** What the rewriter asks the planner while it walks a query. */
export interface RewriteHooks {
  /** A catalog table or view, by its lower-cased name parts as written; returns its replacement. */
  table(parts: string[]): Promise<{ sqlName: string; relation: Relation }>;
  /** A catalog function call, by lower-cased name parts; returns the engine macro to call. */
  catalogFunction(parts: string[]): Promise<string>;
  /** Whether `name` (lower case) is one of the engine's own functions. */
  isBuiltin(name: string): boolean;
}

interface Scope {
  /** CTE names visible here (SQL scoping: inner definitions shadow outer ones and tables). */
  ctes: ReadonlyMap<string, Relation>;
  /** FROM entries of this query and the enclosing ones, innermost first (correlated references). */
  from: readonly FromEntry[];
}

/** Functions DuckDB's parser handles itself, so its function catalog does not list them. */
const PARSER_FUNCTIONS = new Set(["if", "coalesce", "ifnull", "nullif", "try_cast", "grouping"]);

/** Spark function names that DuckDB spells differently. */
const RENAMED: Record<string, string> = { nvl: "coalesce", size: "len", array: "list_value" };

/**
 * Rewrites a parsed query in place (issue 6 §5): every table reference that is not a CTE in
 * scope becomes the planner's policy view for that table, every catalog function call becomes
 * its macro, and anything outside the allowed surface is refused. Returns the query's output
 * columns with their source columns, for lineage.
 */
export class QueryRewriter {
  private readonly subqueries = new WeakMap<AstNode, Relation>();

  constructor(
    private readonly hooks: RewriteHooks,
    /** Real names of the `__lwfn_<i>` placeholders (dialect.ts). */
    private readonly placeholders: readonly string[][],
  ) {}

  async query(node: AstNode, scope: Scope = { ctes: new Map(), from: [] }): Promise<Relation> {
    if (node.type !== "select") throw unsupported(`A ${String(node.type)} statement inside a query`);
    if (node.into?.position) throw refused("SELECT ... INTO");
    let ctes = scope.ctes;
    if (Array.isArray(node.with)) {
      if (node.with.some((c: AstNode) => c.recursive)) ctes = new Map([...ctes, ...node.with.map((c: AstNode) => [cteName(c), EMPTY_RELATION] as const)]);
      for (const cte of node.with as AstNode[]) {
        const relation = await this.query(cte.stmt?.ast ?? cte.stmt, { ctes, from: scope.from });
        ctes = new Map(ctes).set(cteName(cte), renameColumns(relation, cte.columns));
      }
    }
    const entries: FromEntry[] = [];
    if (node.from !== null && node.from !== undefined) {
      if (!Array.isArray(node.from)) throw unsupported("This FROM clause");
      fixJoinKeywords(node.from);
      for (const item of node.from as AstNode[]) entries.push(await this.fromItem(item, { ctes, from: [...entries, ...scope.from] }));
    }
    const inner: Scope = { ctes, from: [...entries, ...scope.from] };
    for (const [key, value] of Object.entries(node)) {
      if (key !== "with" && key !== "from" && key !== "_next" && key !== "columns") await this.expr(value, inner);
    }
    const relation: Relation = { columns: await this.columns(node.columns, inner, entries) };
    return node._next ? unionRelations(relation, await this.query(node._next, { ctes, from: scope.from })) : relation;
  }

  private async fromItem(item: AstNode, scope: Scope): Promise<FromEntry> {
    let relation: Relation = EMPTY_RELATION;
    let alias = typeof item.as === "string" ? item.as : "";
    if (item.expr?.ast) {
      relation = await this.query(item.expr.ast, scope);
    } else if (item.expr?.type === "function") {
      assertTableFunction(nameParts(item.expr).join("."));
      await this.expr(item.expr.args, scope);
    } else if (item.expr?.type === "values") {
      await this.expr(item.expr.values, scope);
    } else if (typeof item.table === "string" && !item.expr) {
      const parts = [item.db, item.schema, item.table].filter((p): p is string => typeof p === "string" && p !== "").map((p) => p.toLowerCase());
      parts.forEach(assertNotReserved);
      // Catalog names never hold these (uc-semantics §1); the parser also reads 'a string' here.
      if (parts.some((p) => /[./\s\u0000-\u001f]/.test(p))) throw notFound("table", parts.join("."));
      alias ||= parts[parts.length - 1]!;
      const cte = parts.length === 1 ? scope.ctes.get(parts[0]!) : undefined;
      if (cte) {
        relation = cte;
      } else {
        const resolved = await this.hooks.table(parts);
        Object.assign(item, { db: null, schema: null, table: resolved.sqlName, as: alias });
        relation = resolved.relation;
      }
    } else {
      throw unsupported("This FROM clause");
    }
    const entry = { alias: alias.toLowerCase(), relation };
    if (item.on) await this.expr(item.on, { ctes: scope.ctes, from: [entry, ...scope.from] });
    return entry;
  }

  /** Walks any value of the tree, rewriting the nodes the engine acts on. */
  private async expr(value: unknown, scope: Scope): Promise<void> {
    if (Array.isArray(value)) {
      for (const v of value) await this.expr(v, scope);
      return;
    }
    if (value === null || typeof value !== "object") return;
    const node = value as AstNode;
    if (node.type === "select") {
      this.subqueries.set(node, await this.query(node, scope));
      return;
    }
    if (node.ast && typeof node.ast === "object") this.subqueries.set(node, await this.query(node.ast, scope));
    if (node.type === "function") await this.call(node);
    if (node.type === "aggr_func" || node.type === "window_func") assertCallable(String(node.name));
    if (node.type === "column_ref") delete node.schema;
    for (const [key, child] of Object.entries(node)) if (key !== "ast") await this.expr(child, scope);
  }

  private async call(node: AstNode): Promise<void> {
    const parts = nameParts(node);
    if (parts.length !== 1) throw unsupported(`The function name ${parts.join(".")}`);
    const name = parts[0]!.toLowerCase();
    const placeholder = /^__lwfn_(\d+)$/.exec(name);
    if (placeholder) return this.rename(node, await this.hooks.catalogFunction(this.placeholders[Number(placeholder[1])]!));
    assertNotReserved(name);
    if (name === "exists") return;
    assertCallable(name);
    if (RENAMED[name]) return this.rename(node, RENAMED[name]);
    if (!PARSER_FUNCTIONS.has(name) && !this.hooks.isBuiltin(name)) this.rename(node, await this.hooks.catalogFunction([name]));
  }

  private rename(node: AstNode, name: string): void {
    node.name = { name: [{ type: "default", value: name }] };
  }

  /** Output columns of a select list, expanding `*` from the FROM entries. */
  private async columns(list: unknown, scope: Scope, entries: FromEntry[]) {
    const out: Relation["columns"] = [];
    for (const col of Array.isArray(list) ? (list as AstNode[]) : []) {
      await this.expr(col.expr, scope);
      const e = col.expr as AstNode;
      if (e?.type === "column_ref" && columnName(e) === "*") {
        const q = qualifier(e)?.toLowerCase();
        for (const entry of entries) if (!q || entry.alias === q) out.push(...entry.relation.columns);
        continue;
      }
      const name = typeof col.as === "string" ? col.as : e?.type === "column_ref" ? columnName(e) : `_c${out.length}`;
      out.push({ name, sources: this.sources(e, scope) });
    }
    return out;
  }

  /** Source columns an expression reads, including those of the subqueries inside it. */
  private sources(value: unknown, scope: Scope): ColumnSource[] {
    if (Array.isArray(value)) return mergeSources(value.map((v) => this.sources(v, scope)));
    if (value === null || typeof value !== "object") return [];
    const node = value as AstNode;
    const sub = this.subqueries.get(node);
    if (sub) return mergeSources(sub.columns.map((c) => c.sources));
    if (node.type === "column_ref") return lookupColumn(scope.from, qualifier(node), columnName(node))?.sources ?? [];
    return mergeSources(Object.values(node).map((v) => this.sources(v, scope)));
  }
}
