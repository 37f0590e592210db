import { LineIndex } from "./position";
import {
  isRawStringStart,
  scanBlockComment,
  scanLineComment,
  scanQuoted,
  scanRawString,
} from "./scan";

/** One statement's text inside a script. */
export interface StatementSource {
  /** The statement with surrounding whitespace trimmed (comments inside it are kept). */
  text: string;
  /** Offset of `text` in the script. */
  start: number;
  /** Offset just past `text`. */
  end: number;
  line: number;
  column: number;
}

/**
 * Splits a script on top-level `;`. A `;` inside '...', "...", `...`, a comment or parentheses
 * does not split (function bodies and subqueries stay whole). Statements made only of
 * whitespace and comments are dropped, so `;;` and a trailing `;` are harmless.
 *
 * Unterminated quotes or comments run to the end of the script; the lexer reports them when
 * that statement is parsed, with the position of the opening character.
 */
export function splitStatements(sql: string, lines = new LineIndex(sql)): StatementSource[] {
  const out: StatementSource[] = [];
  const end = sql.length;
  let pieceStart = 0;
  let hasContent = false;
  let depth = 0;

  const cut = (at: number): void => {
    if (hasContent) {
      const raw = sql.slice(pieceStart, at);
      const lead = raw.length - raw.trimStart().length;
      const text = raw.trim();
      const start = pieceStart + lead;
      out.push({ text, start, end: start + text.length, ...lines.locate(start) });
    }
    pieceStart = at + 1;
    hasContent = false;
  };

  let i = 0;
  while (i < end) {
    const c = sql[i]!;
    if (c === "-" && sql[i + 1] === "-") {
      i = scanLineComment(sql, i, end);
      continue;
    }
    if (c === "/" && sql[i + 1] === "*") {
      const j = scanBlockComment(sql, i, end);
      i = j < 0 ? end : j;
      continue;
    }
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === ";" && depth === 0) {
      cut(i);
      i++;
      continue;
    }
    hasContent = true;
    if (isRawStringStart(sql, i)) {
      const j = scanRawString(sql, i, end);
      i = j < 0 ? end : j;
    } else if (c === "'" || c === '"' || c === "`") {
      const j = scanQuoted(sql, i, end);
      i = j < 0 ? end : j;
    } else {
      if (c === "(") depth++;
      // A stray ")" must not make later ";" invisible.
      else if (c === ")" && depth > 0) depth--;
      i++;
    }
  }
  cut(end);
  return out;
}
