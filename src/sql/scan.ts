/**
 * Character-level scanners shared by the lexer and the statement splitter, so both agree on
 * where a quoted string or comment ends (a `;` inside either must not split a script).
 * Each returns the offset just past the construct, or -1 when it is not terminated.
 */

/**
 * Scans a '...' or "..." literal, or a `...` identifier, starting at the opening quote.
 * Strings use backslash escapes (Databricks string literals); identifiers escape a backtick
 * by doubling it.
 */
export function scanQuoted(src: string, at: number, end: number): number {
  const quote = src[at];
  let i = at + 1;
  while (i < end) {
    const c = src[i];
    if (quote !== "`" && c === "\\") {
      i += 2;
    } else if (c === quote) {
      if (quote === "`" && src[i + 1] === "`" && i + 1 < end) i += 2;
      else return i + 1;
    } else {
      i++;
    }
  }
  return -1;
}

/** Scans a raw string `r'...'` (no escapes at all) starting at the `r`. */
export function scanRawString(src: string, at: number, end: number): number {
  const close = src.indexOf(src[at + 1]!, at + 2);
  return close === -1 || close >= end ? -1 : close + 1;
}

/** Whether a raw string (`r'` or `R"`) starts at `at`: the r must not end a longer word. */
export function isRawStringStart(src: string, at: number): boolean {
  const c = src[at];
  const q = src[at + 1];
  return (c === "r" || c === "R") && (q === "'" || q === '"') && !isWordChar(src[at - 1]);
}

/** Scans a `--` comment; it ends before the line break (or at `end`). Never fails. */
export function scanLineComment(src: string, at: number, end: number): number {
  let i = at + 2;
  while (i < end && src[i] !== "\n" && src[i] !== "\r") i++;
  return i;
}

/** Scans a `/* ... *\/` comment. Spark allows nesting, so we count depth. */
export function scanBlockComment(src: string, at: number, end: number): number {
  let depth = 0;
  let i = at;
  while (i < end) {
    if (src[i] === "/" && src[i + 1] === "*") {
      depth++;
      i += 2;
    } else if (src[i] === "*" && src[i + 1] === "/") {
      depth--;
      i += 2;
      if (depth === 0) return i;
    } else {
      i++;
    }
  }
  return -1;
}

const WORD_CHAR = /[\p{L}\p{N}_]/u;

/** Letters, digits and underscore (Unicode-aware), the characters of an unquoted name. */
export function isWordChar(c: string | undefined): boolean {
  return c !== undefined && WORD_CHAR.test(c);
}
