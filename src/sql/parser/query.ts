import type { RawText } from "../nodes/common";
import type { Explain, Insert, Query } from "../nodes/query";
import type { Token } from "../tokens";
import { parseIdentifierList, parseName } from "./basics";
import type { Parser } from "./cursor";

/** Words that start a query (`TABLE t` is Spark shorthand for `SELECT * FROM t`). */
export const QUERY_START_WORDS = ["SELECT", "WITH", "VALUES", "FROM", "TABLE"];

/** Whether a query starts at the token `ahead` places away (lookahead only). */
export function isQueryStartAt(p: Parser, ahead = 0): boolean {
  return QUERY_START_WORDS.some((w) => p.isWord(w, ahead)) || p.isPunct("(", ahead);
}

/** Checks (and notes, for errors) whether a query starts at the current token. */
function checkQueryStart(p: Parser): boolean {
  let found = false;
  for (const w of QUERY_START_WORDS) if (p.check(w)) found = true;
  return p.checkPunct("(") || found;
}

/** The rest of the statement as query text; it must start like a query. */
export function parseQueryText(p: Parser): RawText {
  if (!checkQueryStart(p)) p.fail();
  return p.takeRaw()!;
}

/** A whole statement that is a query. */
export function parseQuery(p: Parser): Query {
  const { sql, span } = parseQueryText(p);
  return { kind: "Query", sql, span };
}

/**
 * `INSERT {INTO|OVERWRITE} [TABLE] t [(cols)] query`; INSERT consumed. A `(` after the name
 * opens a column list unless a query starts right inside it (`INSERT INTO t (SELECT ...)`).
 */
export function parseInsert(p: Parser, first: Token): Insert {
  const overwrite = !p.accept("INTO");
  if (overwrite) p.expect("OVERWRITE");
  p.accept("TABLE");
  const table = parseName(p, 3);
  const columns = p.isPunct("(") && !isQueryStartAt(p, 1) ? parseIdentifierList(p) : undefined;
  const query = parseQueryText(p);
  return { kind: "Insert", overwrite, table, columns, query, span: p.spanFrom(first) };
}

/** `EXPLAIN [EXTENDED|FORMATTED] query-or-insert`; EXPLAIN consumed. */
export function parseExplain(p: Parser, first: Token): Explain {
  const mode = p.accept("EXTENDED") ? "extended" : p.accept("FORMATTED") ? "formatted" : undefined;
  let statement: RawText;
  if (p.check("INSERT")) statement = p.takeRaw()!;
  else statement = parseQueryText(p);
  return { kind: "Explain", mode, statement, span: p.spanFrom(first) };
}
