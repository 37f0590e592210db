import { END_OF_INPUT, SqlSyntaxError } from "./errors";
import { LineIndex } from "./position";
import {
  isRawStringStart,
  scanBlockComment,
  scanLineComment,
  scanQuoted,
  scanRawString,
} from "./scan";
import type { Token, TokenKind } from "./tokens";

const WORD = /[\p{L}_][\p{L}\p{N}_]*/uy;
// Names may not start with a digit here (Spark allows `1abc`; we ask for backticks instead),
// which keeps "is this a number or a name" a one-character decision.
const NUMBER = /[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const SPACE = /\s/;

/** Which part of `source` to tokenize; offsets in tokens stay relative to all of `source`. */
export interface TokenizeOptions {
  start?: number;
  end?: number;
  /** Reuse the caller's index when tokenizing several statements of one script. */
  lines?: LineIndex;
}

/**
 * Splits SQL text into tokens, dropping whitespace and comments. The last token is always
 * `eof`, placed right after the last real token so "end of input" errors point there.
 *
 * It never rejects a character: anything unknown becomes a one-character `punct` token, so
 * query text we only capture (SELECT ..., function bodies) can contain any operator.
 * @throws SqlSyntaxError for an unterminated string, quoted identifier or block comment.
 */
export function tokenize(source: string, options: TokenizeOptions = {}): Token[] {
  const end = options.end ?? source.length;
  const lines = options.lines ?? new LineIndex(source);
  const tokens: Token[] = [];
  const push = (kind: TokenKind, from: number, to: number, value?: string): void => {
    const text = source.slice(from, to);
    const { line, column } = lines.locate(from);
    const upper = kind === "word" ? text.toUpperCase() : "";
    tokens.push({ kind, text, value: value ?? text, upper, start: from, end: to, line, column });
  };
  const unterminated = (from: number, closer: string): SqlSyntaxError => {
    const { line, column } = lines.locate(from);
    const near = source.slice(from, Math.min(end, from + 20));
    return new SqlSyntaxError({
      offset: from, line, column, near, found: END_OF_INPUT, expected: [`closing ${closer}`],
    });
  };

  let i = options.start ?? 0;
  while (i < end) {
    const c = source[i]!;
    const next = i + 1 < end ? source[i + 1] : undefined;
    if (SPACE.test(c)) {
      i++;
    } else if (c === "-" && next === "-") {
      i = scanLineComment(source, i, end);
    } else if (c === "/" && next === "*") {
      const j = scanBlockComment(source, i, end);
      if (j < 0) throw unterminated(i, "*/");
      i = j;
    } else if (isRawStringStart(source, i) && i + 1 < end) {
      const j = scanRawString(source, i, end);
      if (j < 0) throw unterminated(i, source[i + 1]!);
      push("string", i, j, source.slice(i + 2, j - 1));
      i = j;
    } else if (c === "'" || c === '"' || c === "`") {
      const j = scanQuoted(source, i, end);
      if (j < 0) throw unterminated(i, c);
      const body = source.slice(i + 1, j - 1);
      if (c === "`") push("quoted", i, j, body.replaceAll("``", "`"));
      else push("string", i, j, unescapeString(body));
      i = j;
    } else if (c >= "0" && c <= "9") {
      const j = Math.min(matchEnd(NUMBER, source, i), end);
      push("number", i, j);
      i = j;
    } else if (matchEnd(WORD, source, i) > 0) {
      const j = Math.min(matchEnd(WORD, source, i), end);
      push("word", i, j);
      i = j;
    } else {
      // One code point, so a character outside the BMP is not cut in half.
      const width = (source.codePointAt(i) ?? 0) > 0xffff ? 2 : 1;
      push("punct", i, i + width);
      i += width;
    }
  }
  const last = tokens[tokens.length - 1];
  const at = last ? last.end : (options.start ?? 0);
  push("eof", at, at, "");
  return tokens;
}

/** End offset of a match of sticky `re` at `at`, or -1. */
function matchEnd(re: RegExp, source: string, at: number): number {
  re.lastIndex = at;
  return re.test(source) ? re.lastIndex : -1;
}

const SIMPLE_ESCAPES: Record<string, string> = {
  "0": "\0", b: "\b", n: "\n", r: "\r", t: "\t", Z: "\x1a", "%": "\\%", _: "\\_",
};

/**
 * Applies Databricks string-literal escapes: `\n`, `\t`, ... and `\uXXXX`; `\%` and `\_` keep
 * their backslash (they are LIKE-pattern escapes); any other escaped character stands for itself.
 */
export function unescapeString(body: string): string {
  let out = "";
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c !== "\\" || i + 1 >= body.length) {
      out += c;
      continue;
    }
    const n = body[++i]!;
    const hex = n === "u" ? body.slice(i + 1, i + 5) : "";
    if (/^[0-9a-fA-F]{4}$/.test(hex)) {
      out += String.fromCharCode(parseInt(hex, 16));
      i += 4;
    } else {
      out += SIMPLE_ESCAPES[n] ?? n;
    }
  }
  return out;
}
