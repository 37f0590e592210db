import type { Statement } from "./ast";
import { END_OF_INPUT, SqlSyntaxError } from "./errors";
import { tokenize } from "./lexer";
import { parseAlter } from "./parser/alter";
import { parseCommentOn, parseUse } from "./parser/catalogs";
import { parseCreate } from "./parser/create";
import { Parser, syntaxErrorAt } from "./parser/cursor";
import { parseDescribe } from "./parser/describe";
import { parseDrop } from "./parser/drop";
import { parseGrantOrRevoke } from "./parser/grants";
import { parseExplain, parseInsert, parseQuery } from "./parser/query";
import { parseShow } from "./parser/show";
import { LineIndex } from "./position";
import { splitStatements, type StatementSource } from "./split";
import type { Token } from "./tokens";

/** Statement keywords and their parsers, in the order errors list them. */
const STATEMENTS: ReadonlyArray<[string, (p: Parser, first: Token) => Statement]> = [
  ["ALTER", parseAlter],
  ["COMMENT", parseCommentOn],
  ["CREATE", parseCreate],
  ["DESCRIBE", parseDescribe],
  ["DESC", parseDescribe],
  ["DROP", parseDrop],
  ["EXPLAIN", parseExplain],
  ["GRANT", parseGrantOrRevoke],
  ["INSERT", parseInsert],
  ["REVOKE", parseGrantOrRevoke],
  ["SHOW", parseShow],
  ["USE", parseUse],
];

/**
 * Parses a script of `;`-separated statements (see `splitStatements` for the splitting
 * rules); empty statements are skipped. Spans and error positions refer to `sql` as a whole.
 * @throws SqlSyntaxError at the first statement that does not parse.
 */
export function parseStatements(sql: string): Statement[] {
  const lines = new LineIndex(sql);
  return splitStatements(sql, lines).map((s) => parseSource(sql, s, lines));
}

/**
 * Parses exactly one statement; a trailing `;` is allowed.
 * @throws SqlSyntaxError when the text is empty, does not parse, or holds more statements.
 */
export function parseStatement(sql: string): Statement {
  const lines = new LineIndex(sql);
  const sources = splitStatements(sql, lines);
  if (sources.length === 0) {
    const at = sql.trimEnd().length;
    throw new SqlSyntaxError({
      offset: at, ...lines.locate(at), expected: ["statement"], found: END_OF_INPUT,
    });
  }
  const stmt = parseSource(sql, sources[0]!, lines);
  if (sources.length > 1) {
    const extra = tokenize(sql, { start: sources[1]!.start, end: sources[1]!.end, lines })[0]!;
    throw syntaxErrorAt(extra, [END_OF_INPUT]);
  }
  return stmt;
}

function parseSource(sql: string, source: StatementSource, lines: LineIndex): Statement {
  const tokens = tokenize(sql, { start: source.start, end: source.end, lines });
  const p: Parser = new Parser(sql, tokens);
  for (const [word, parse] of STATEMENTS) {
    if (p.check(word)) return parse(p, p.advance());
  }
  // Anything else must be a query; if it is not, the error lists the statement keywords
  // noted above followed by the words a query can start with.
  return parseQuery(p);
}
