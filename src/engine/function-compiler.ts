import type { RequestContext } from "../context";
import type { Session } from "../sql/execute/session";
import { LakewardError } from "../errors";
import type { SecurableRow } from "../catalog/rows";
import { findFunctionsWithDetails, toFunctionInfos, type FunctionInfo } from "../catalog/functions";
import { normalizeSql } from "./dialect";
import type { QueryIdentity } from "./identity";
import { parseExpressionQuery, printExpression } from "./sql-ast";
import { QueryRewriter, type RewriteHooks } from "./walker";
import { ownerAuthority, type Authority } from "./authority";
import { functionMacro, signatureOf, type FunctionSignature } from "./functions";
import type { EngineMacro } from "./port";

/** What the compiler needs from the statement's planner. */
export interface CompilerHost {
  readonly ctx: RequestContext;
  readonly identity: QueryIdentity;
  hooks(authority: Authority, session: Session): RewriteHooks;
  /** Registers a macro after everything its body needs; returns it with its engine name. */
  addMacro(make: (name: string) => EngineMacro): EngineMacro;
}

export interface CompiledFunction {
  macro: EngineMacro;
  signature: FunctionSignature;
}

/**
 * Catalog SQL functions as engine macros, once per statement (issue 6 §3). A body is rewritten
 * like a query — its table references and calls checked and replaced — with its owner's rights
 * (definer rights, uc-semantics §4), while identity functions answer for the querying user.
 */
export class FunctionCompiler {
  private readonly compiled = new Map<string, Promise<CompiledFunction>>();
  private readonly compiling = new Set<string>();
  private readonly owners = new Map<string, Promise<Authority>>();
  private readonly byName = new Map<string, { row: SecurableRow; info: FunctionInfo } | null>();

  constructor(private readonly host: CompilerHost) {}

  /** Loads functions by full name in one query (a table's filter and masks); null if missing. */
  async functionNamed(fullName: string, alsoLoad: readonly string[] = []): Promise<{ row: SecurableRow; info: FunctionInfo } | null> {
    const missing = [...new Set([fullName, ...alsoLoad])].filter((n) => !this.byName.has(n));
    if (missing.length > 0) {
      const found = await findFunctionsWithDetails(this.host.ctx.services.db, missing);
      for (const n of missing) this.byName.set(n, found.find((f) => f.row.fullName === n) ?? null);
    }
    return this.byName.get(fullName) ?? null;
  }

  /** An owner's authority, looked up once per statement (one owner often owns every policy). */
  async ownerOf(row: SecurableRow, via: string): Promise<Authority> {
    let pending = this.owners.get(row.ownerId);
    if (!pending) {
      pending = ownerAuthority(this.host.ctx, row.ownerId, via);
      this.owners.set(row.ownerId, pending);
    }
    return { ...(await pending), via };
  }

  /** The macro of a function, compiled on first use. */
  macroOf(row: SecurableRow): Promise<CompiledFunction> {
    // Checked before the cache: a function reaching itself would otherwise wait on itself.
    if (this.compiling.has(row.id)) return Promise.reject(new LakewardError("INVALID_ARGUMENT", `Function ${row.fullName} calls itself.`));
    let pending = this.compiled.get(row.id);
    if (!pending) {
      pending = this.compile(row);
      this.compiled.set(row.id, pending);
    }
    return pending;
  }

  private async compile(row: SecurableRow): Promise<CompiledFunction> {
    this.compiling.add(row.id);
    try {
      const info = this.byName.get(row.fullName)?.info ?? (await toFunctionInfos(this.host.ctx.services.db, [row]))[0]!;
      const signature = signatureOf(info);
      const authority = await this.ownerOf(row, `function ${row.fullName}`);
      const normalized = normalizeSql(info.routine_definition, this.host.identity);
      const select = parseExpressionQuery(normalized.text);
      const hooks = this.host.hooks(authority, { catalog: info.catalog_name, schema: info.schema_name });
      await new QueryRewriter(hooks, normalized.functions).query(select);
      const body = printExpression(select.columns[0].expr);
      return { macro: this.host.addMacro((name) => functionMacro(name, signature, body)), signature };
    } finally {
      this.compiling.delete(row.id);
    }
  }
}
