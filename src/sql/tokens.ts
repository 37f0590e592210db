/**
 * Token kinds produced by the lexer.
 * - `word`: an unquoted identifier or keyword (keywords are recognised by the parser, in context)
 * - `quoted`: a backtick-quoted identifier; `value` has the escapes removed
 * - `string`: a '...' or "..." literal; `value` has the escapes removed
 * - `number`: an unsigned numeric literal
 * - `punct`: any other single character, e.g. `(` `,` `.` `<`
 * - `eof`: end of the statement
 */
export type TokenKind = "word" | "quoted" | "string" | "number" | "punct" | "eof";

/** One lexical token with its position in the whole script. */
export interface Token {
  kind: TokenKind;
  /** Exact source text (including quotes). Empty for `eof`. */
  text: string;
  /** Meaning: unescaped content for quoted tokens, source text otherwise. */
  value: string;
  /** Upper-cased `text` for words (keyword matching is case-insensitive), else "". */
  upper: string;
  start: number;
  end: number;
  line: number;
  column: number;
}

/**
 * Words that can never be bare identifiers; quote them with backticks to use them as names.
 *
 * This is the part of Spark's ANSI reserved list that matters to our grammar: each word here
 * either introduces a clause right after a name (`ON`, `TO`, `FROM`, `AS`, `WITH`, `USING`, ...)
 * or is a literal (`NULL`, `TRUE`, `FALSE`). Reserving `TABLE` is what makes
 * `GRANT SELECT ON TABLE TO x` an error instead of a grant on a table called "table".
 * Every other keyword (CATALOG, SCHEMA, COMMENT, OWNER, ...) stays usable as a name.
 */
export const RESERVED_WORDS: ReadonlySet<string> = new Set([
  "ALL", "AND", "AS", "BY", "FALSE", "FROM", "IN", "INTO", "IS", "NOT", "NULL", "ON", "OR",
  "SELECT", "TABLE", "TO", "TRUE", "USING", "VALUES", "WITH",
]);

/** Whether `word` (any case) is reserved. */
export function isReservedWord(word: string): boolean {
  return RESERVED_WORDS.has(word.toUpperCase());
}
