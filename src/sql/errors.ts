/** Fields of a {@link SqlSyntaxError}. */
export interface SqlSyntaxErrorInit {
  offset: number;
  line: number;
  column: number;
  /** What would have been acceptable at this point, e.g. `["TO", "','"]`. */
  expected: string[];
  /** Text of the offending token, or `end of input`. */
  found: string;
  /** Text shown after "at or near"; defaults to `found`. */
  near?: string;
}

/** The `found` value used when the statement ended too early. */
export const END_OF_INPUT = "end of input";

/**
 * A statement that does not follow the grammar. The message copies the Databricks error class
 * (`[PARSE_SYNTAX_ERROR] Syntax error at or near ...`, uc-semantics §3) and adds what was
 * expected, as DESIGN §6.8 asks, so users can fix the statement without reading the grammar.
 */
export class SqlSyntaxError extends Error {
  override readonly name = "SqlSyntaxError";
  /** Databricks error class, for wire formats that carry one. */
  readonly errorClass = "PARSE_SYNTAX_ERROR";
  /** 1-based line of the offending token. */
  readonly line: number;
  /** 1-based column (UTF-16 code units) of the offending token. */
  readonly column: number;
  /** 0-based offset of the offending token in the parsed script. */
  readonly offset: number;
  readonly expected: string[];
  readonly found: string;

  constructor(init: SqlSyntaxErrorInit) {
    const expected = [...new Set(init.expected)];
    super(
      `[PARSE_SYNTAX_ERROR] Syntax error at or near ${show(init.near ?? init.found)}: ` +
        `expected ${describeExpected(expected)}, found ${show(init.found)} ` +
        `(line ${init.line}, column ${init.column})`,
    );
    this.line = init.line;
    this.column = init.column;
    this.offset = init.offset;
    this.expected = expected;
    this.found = init.found;
  }
}

function show(text: string): string {
  return text === END_OF_INPUT ? text : `'${text}'`;
}

/** "A", "A or B", "A, B or C". */
function describeExpected(items: string[]): string {
  if (items.length === 0) return "something else";
  if (items.length === 1) return items[0]!;
  return `${items.slice(0, -1).join(", ")} or ${items[items.length - 1]}`;
}
