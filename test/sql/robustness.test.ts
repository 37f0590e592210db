import { describe, expect, it } from "vitest";
import { SqlSyntaxError, parseStatements, stripSpans, tokenize } from "../../src/sql/index";
import { VALID } from "./corpus/index";

describe("robustness", () => {
  // Cutting every corpus statement at every token boundary (and adding junk) explores the
  // error paths of every rule; any failure must be a located SqlSyntaxError, never a crash.
  it("fails only with SqlSyntaxError on truncated and mangled statements", () => {
    let inputs = 0;
    for (const c of VALID) {
      for (const t of tokenize(c.sql)) {
        const head = c.sql.slice(0, t.start);
        for (const sql of [head, `${head} x`, `${head} (`, `${head} 'q'`, c.sql.slice(t.start)]) {
          inputs++;
          try {
            parseStatements(sql);
          } catch (e) {
            expect(e, sql).toBeInstanceOf(SqlSyntaxError);
            const err = e as SqlSyntaxError;
            expect(err.offset, sql).toBeLessThanOrEqual(sql.length);
            expect(err.line, sql).toBeGreaterThanOrEqual(1);
          }
        }
      }
    }
    expect(inputs).toBeGreaterThan(5000);
  });
});

describe("stripSpans", () => {
  it("removes spans and undefined properties at every depth without touching the input", () => {
    const input = { span: 1, a: [{ span: 2, b: undefined, c: { span: 3, d: null } }] };
    expect(stripSpans(input)).toEqual({ a: [{ c: { d: null } }] });
    expect(input.span).toBe(1);
  });
});
