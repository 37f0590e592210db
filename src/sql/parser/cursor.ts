import { END_OF_INPUT, SqlSyntaxError } from "../errors";
import type { RawText, Span } from "../nodes/common";
import type { Token } from "../tokens";

/**
 * A cursor over one statement's tokens, with the bookkeeping for good errors.
 *
 * Every check made at the current token (`check`, `accept`, `checkPunct`, ...) records what it
 * looked for. When parsing then fails at that same token, the error lists all of them:
 * "expected CASCADE, RESTRICT or end of input". Pure lookahead (`isWord`, `isPunct` with an
 * offset) records nothing, so guesses made further ahead do not leak into messages.
 */
export class Parser {
  private pos = 0;
  private notedAt = -1;
  private noted: string[] = [];

  constructor(
    /** The whole script; token offsets index into it. */
    readonly source: string,
    private readonly tokens: Token[],
  ) {}

  get current(): Token {
    return this.tokens[this.pos]!;
  }

  /** The last consumed token (the first token if nothing was consumed yet). */
  get previous(): Token {
    return this.tokens[Math.max(this.pos - 1, 0)]!;
  }

  /** The token `ahead` places after the current one; `eof` past the end. */
  peekAt(ahead: number): Token {
    return this.tokens[Math.min(this.pos + ahead, this.tokens.length - 1)]!;
  }

  atEnd(): boolean {
    return this.current.kind === "eof";
  }

  advance(): Token {
    const t = this.current;
    if (t.kind !== "eof") this.pos++;
    return t;
  }

  /** Records `what` as acceptable at the current token, for the next error message. */
  note(...what: string[]): void {
    if (this.notedAt !== this.pos) {
      this.notedAt = this.pos;
      this.noted = [];
    }
    for (const w of what) if (!this.noted.includes(w)) this.noted.push(w);
  }

  /** Lookahead only: is the token `ahead` places away the keyword `word` (upper case)? */
  isWord(word: string, ahead = 0): boolean {
    const t = this.peekAt(ahead);
    return t.kind === "word" && t.upper === word;
  }

  /** Lookahead only: is the token `ahead` places away the punctuation `ch`? */
  isPunct(ch: string, ahead = 0): boolean {
    const t = this.peekAt(ahead);
    return t.kind === "punct" && t.text === ch;
  }

  /** Whether the next tokens are the keywords `words`; records the phrase. */
  check(...words: string[]): boolean {
    this.note(words.join(" "));
    return words.every((w, i) => this.isWord(w, i));
  }

  /** Consumes the keywords `words` if they all come next. */
  accept(...words: string[]): boolean {
    if (!this.check(...words)) return false;
    this.pos += words.length;
    return true;
  }

  /** Consumes the keywords `words`, failing at the first one missing. Returns the first token. */
  expect(...words: string[]): Token {
    const first = this.current;
    for (const w of words) if (!this.accept(w)) this.fail();
    return first;
  }

  checkPunct(ch: string): boolean {
    this.note(`'${ch}'`);
    return this.isPunct(ch);
  }

  acceptPunct(ch: string): boolean {
    if (!this.checkPunct(ch)) return false;
    this.pos++;
    return true;
  }

  expectPunct(ch: string): Token {
    const t = this.current;
    if (!this.acceptPunct(ch)) this.fail();
    return t;
  }

  /** Fails unless the statement is over. */
  expectEnd(): void {
    this.note(END_OF_INPUT);
    if (!this.atEnd()) this.fail();
  }

  /** Throws a syntax error at the current token listing everything noted there plus `what`. */
  fail(...what: string[]): never {
    this.note(...what);
    throw this.errorAt(this.current, this.noted);
  }

  /** A syntax error at `token` with an explicit expectation (and optionally other found text). */
  errorAt(token: Token, expected: string[], found?: string): SqlSyntaxError {
    return syntaxErrorAt(token, expected, found);
  }

  /** Span from `first` to the last consumed token. */
  spanFrom(first: Token | Span): Span {
    return { start: first.start, end: this.previous.end, line: first.line, column: first.column };
  }

  /** Span of a single token. */
  tokenSpan(t: Token): Span {
    return { start: t.start, end: t.end, line: t.line, column: t.column };
  }

  /**
   * Consumes tokens as raw text until `stop` holds at parenthesis depth 0, or a `)` closes an
   * enclosing list, or the statement ends. Returns undefined when nothing was consumed.
   */
  takeRaw(stop: (t: Token) => boolean = () => false): RawText | undefined {
    const first = this.current;
    let depth = 0;
    while (!this.atEnd()) {
      const t = this.current;
      if (depth === 0 && stop(t)) break;
      if (t.kind === "punct" && t.text === "(") depth++;
      if (t.kind === "punct" && t.text === ")") {
        if (depth === 0) break;
        depth--;
      }
      this.pos++;
    }
    if (this.current === first) return undefined;
    return { sql: this.source.slice(first.start, this.previous.end), span: this.spanFrom(first) };
  }
}

/** A syntax error located at `token`; `found` defaults to the token's text. */
export function syntaxErrorAt(token: Token, expected: string[], found?: string): SqlSyntaxError {
  const text = token.kind === "eof" ? END_OF_INPUT : token.text;
  return new SqlSyntaxError({
    offset: token.start, line: token.line, column: token.column,
    expected, found: found ?? text, near: text,
  });
}
