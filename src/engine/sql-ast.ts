import * as parserModule from "node-sql-parser/build/postgresql";
import { LakewardError } from "../errors";
import { unsupported } from "./refusals";

/**
 * node-sql-parser at the engine's edge (DESIGN §6.8). The PostgreSQL grammar is the closest
 * to what DuckDB runs, and its printer quotes identifiers with `"`, which DuckDB reads; the
 * Databricks spellings it lacks are handled by dialect.ts before parsing.
 *
 * The parser's tree is loosely typed, so the engine treats nodes as plain records and checks
 * shapes where it acts on them.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AstNode = Record<string, any>;

const OPTIONS = { database: "postgresql" };
// The build is CommonJS: Node exposes it as `default`, bundlers as named exports.
const ParserClass = (parserModule as unknown as { Parser?: typeof parserModule.Parser; default?: { Parser: typeof parserModule.Parser } }).Parser
  ?? (parserModule as unknown as { default: { Parser: typeof parserModule.Parser } }).default.Parser;
const parser = new ParserClass();

/**
 * Recently parsed texts. Policy function bodies and views are parsed on every query that reads
 * their tables, and parsing is the costliest step of planning; callers get a copy, since the
 * rewriter edits trees in place.
 */
const parsed = new Map<string, unknown>();
const PARSE_CACHE_SIZE = 512;

/** Parses normalized text that must be exactly one query (SELECT, WITH, set operations). */
export function parseQueryAst(text: string): AstNode {
  let ast = parsed.get(text);
  if (ast === undefined) {
    try {
      ast = parser.astify(text, OPTIONS);
    } catch (err) {
      throw syntaxError(err);
    }
    if (parsed.size >= PARSE_CACHE_SIZE) parsed.delete(parsed.keys().next().value!);
    parsed.set(text, ast);
  }
  ast = structuredClone(ast);
  const list = Array.isArray(ast) ? ast : [ast];
  if (list.length !== 1) throw unsupported("More than one statement in a query");
  const node = list[0] as AstNode;
  if (node.type !== "select") throw new LakewardError("PERMISSION_DENIED", `A ${String(node.type).toUpperCase()} statement is not allowed where a query is expected.`);
  return node;
}

/**
 * Parses one expression (a function body) as `SELECT <expr>`, so the rewriter can walk it like
 * any query; the expression is `columns[0].expr` of the result.
 */
export function parseExpressionQuery(text: string): AstNode {
  const select = parseQueryAst(`SELECT ${text}`);
  const single = select.columns?.length === 1 && !select.columns[0].as && !select.from && !select._next && !select.where && !select.with;
  if (!single) throw new LakewardError("INVALID_ARGUMENT", "A function body must be one expression.");
  return select;
}

/** SQL text of a (rewritten) query tree. */
export function printQuery(ast: AstNode): string {
  return parser.sqlify(ast as never, OPTIONS);
}

/** SQL text of a (rewritten) expression. */
export function printExpression(expr: AstNode): string {
  return parser.exprToSQL(expr, OPTIONS);
}

function syntaxError(err: unknown): LakewardError {
  const e = err as { message?: string; location?: { start?: { line: number; column: number } } };
  const where = e.location?.start ? ` (line ${e.location.start.line}, column ${e.location.start.column} of the normalized query)` : "";
  const found = /but (.*) found/.exec(e.message ?? "")?.[1] ?? "the input";
  return new LakewardError("INVALID_ARGUMENT", `[PARSE_SYNTAX_ERROR] Syntax error at or near ${found}${where}.`);
}
