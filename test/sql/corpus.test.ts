import { describe, expect, it } from "vitest";
import {
  SqlSyntaxError, parseStatement, parseStatements, printStatement, stripSpans, type Statement,
} from "../../src/sql/index";
import { INVALID, VALID } from "./corpus/index";

/** Every object in the tree except span objects themselves must carry a well-formed span. */
function checkSpans(node: unknown, sql: string, path = "stmt"): void {
  if (Array.isArray(node)) {
    node.forEach((item, i) => checkSpans(item, sql, `${path}[${i}]`));
    return;
  }
  if (node === null || typeof node !== "object") return;
  const span = (node as { span?: { start: number; end: number } }).span;
  expect(span, `${path} has a span`).toBeDefined();
  expect(span!.start, `${path} span start`).toBeLessThanOrEqual(span!.end);
  expect(span!.end, `${path} span end`).toBeLessThanOrEqual(sql.length);
  for (const [key, value] of Object.entries(node)) {
    if (key !== "span") checkSpans(value, sql, `${path}.${key}`);
  }
}

function roundTrip(stmt: Statement): Statement {
  return parseStatement(printStatement(stmt));
}

describe("valid corpus", () => {
  it("has at least 150 statements covering every family", () => {
    expect(VALID.length).toBeGreaterThanOrEqual(150);
  });

  it.each(VALID.map((c) => [c.doc, c] as const))("%s", (_doc, c) => {
    const stmts = parseStatements(c.sql);
    expect(stmts).toHaveLength(1);
    const stmt = stmts[0]!;
    expect(stmt.kind).toBe(c.kind);
    expect(stmt.span.start).toBe(0);
    checkSpans(stmt, c.sql);

    const printed = printStatement(stmt);
    const again = roundTrip(stmt);
    expect(stripSpans(again)).toEqual(stripSpans(stmt));
    // The canonical text is a fixed point of print ∘ parse.
    expect(printStatement(again)).toBe(printed);
  });

  it("parses the whole corpus as one script with the same trees", () => {
    // ";" on its own line: a statement ending in a "--" comment would swallow it otherwise.
    const script = VALID.map((c) => c.sql).join("\n;\n");
    const all = parseStatements(script);
    expect(all.map((s) => s.kind)).toEqual(VALID.map((c) => c.kind));
    all.forEach((stmt, i) => expect(stripSpans(stmt)).toEqual(stripSpans(parseStatement(VALID[i]!.sql))));
  });
});

describe("invalid corpus", () => {
  it("has at least 40 statements", () => {
    expect(INVALID.length).toBeGreaterThanOrEqual(40);
  });

  it.each(INVALID.map((c) => [c.doc, c] as const))("%s", (_doc, c) => {
    let error: unknown;
    try {
      parseStatements(c.sql);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SqlSyntaxError);
    const e = error as SqlSyntaxError;
    expect({ line: e.line, column: e.column, found: e.found }).toEqual({
      line: c.line, column: c.column, found: c.found,
    });
    for (const item of c.expected ?? []) expect(e.expected).toContain(item);
    expect(e.message).toMatch(/^\[PARSE_SYNTAX_ERROR\] Syntax error at or near .+: expected .+, found .+ \(line \d+, column \d+\)$/s);
    expect(e.message).toContain(`(line ${c.line}, column ${c.column})`);
  });
});
