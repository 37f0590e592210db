import { describe, expect, it } from "vitest";
import { SqlSyntaxError, tokenize, unescapeString } from "../../src/sql/index";

const kinds = (sql: string) => tokenize(sql).map((t) => [t.kind, t.value]);

describe("tokenize", () => {
  it("reads words, quoted names, strings, numbers and punctuation", () => {
    expect(kinds("GRANT `a``b` 'x' 42 1.5e3 (,);")).toEqual([
      ["word", "GRANT"], ["quoted", "a`b"], ["string", "x"], ["number", "42"], ["number", "1.5e3"],
      ["punct", "("], ["punct", ","], ["punct", ")"], ["punct", ";"], ["eof", ""],
    ]);
  });

  it("upper-cases words for keyword matching but keeps the spelling", () => {
    const [t] = tokenize("SeLeCt");
    expect(t).toMatchObject({ kind: "word", text: "SeLeCt", value: "SeLeCt", upper: "SELECT" });
  });

  it("accepts Unicode letters in names", () => {
    expect(kinds("café_ü")).toEqual([["word", "café_ü"], ["eof", ""]]);
  });

  it("drops line comments, nested block comments and whitespace", () => {
    expect(kinds("a -- x ; y\n/* 1 /* 2 */ still comment */ b")).toEqual([
      ["word", "a"], ["word", "b"], ["eof", ""],
    ]);
  });

  it("applies Databricks string escapes", () => {
    expect(tokenize(String.raw`'it\'s' "say \"hi\"" 'a\nb\tc\\d' 'x\%y\_z' '\u0041'`).slice(0, 5).map((t) => t.value))
      .toEqual(["it's", 'say "hi"', "a\nb\tc\\d", "x\\%y\\_z", "A"]);
  });

  it("reads raw strings without escapes", () => {
    expect(tokenize(String.raw`r'C:\dir\' R"x"`).slice(0, 2).map((t) => t.value)).toEqual(["C:\\dir\\", "x"]);
  });

  it("does not mistake a word ending in r for a raw string", () => {
    expect(kinds("bar'x'")).toEqual([["word", "bar"], ["string", "x"], ["eof", ""]]);
  });

  it("turns unknown characters into one-character punct tokens", () => {
    expect(kinds("a || b :: $c 😀").map(([, v]) => v)).toEqual(["a", "|", "|", "b", ":", ":", "$", "c", "😀", ""]);
  });

  it("records offsets, lines and columns (CRLF counts as one break)", () => {
    const toks = tokenize("GRANT\r\n  SELECT\n\tON");
    expect(toks.map((t) => [t.text, t.start, t.line, t.column])).toEqual([
      ["GRANT", 0, 1, 1], ["SELECT", 9, 2, 3], ["ON", 17, 3, 2], ["", 19, 3, 4],
    ]);
  });

  it("places eof right after the last token, before trailing comments", () => {
    const toks = tokenize("SELECT 1 -- done");
    expect(toks.at(-1)).toMatchObject({ kind: "eof", start: 8, column: 9 });
  });

  it("tokenizes a slice of a larger script with script offsets", () => {
    const sql = "SELECT 1;\nSHOW SHARES";
    const toks = tokenize(sql, { start: 10, end: sql.length });
    expect(toks[0]).toMatchObject({ text: "SHOW", start: 10, line: 2, column: 1 });
  });

  it.each([
    ["'abc", 1, "closing '"],
    ['x "abc', 3, 'closing "'],
    ["x `abc", 3, "closing `"],
    ["x /* abc", 3, "closing */"],
    ["r'abc", 1, "closing '"],
  ])("rejects unterminated %j at its opening", (sql, column, expected) => {
    let err: unknown;
    try {
      tokenize(sql);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(SqlSyntaxError);
    expect(err).toMatchObject({ line: 1, column, found: "end of input", expected: [expected] });
  });

  it("keeps an escaped backslash before a closing quote", () => {
    expect(kinds(String.raw`'a\\' b`)).toEqual([["string", "a\\"], ["word", "b"], ["eof", ""]]);
  });
});

describe("unescapeString", () => {
  it("drops the backslash before unknown characters", () => {
    expect(unescapeString(String.raw`\q\'\"`)).toBe(`q'"`);
  });

  it("keeps a trailing lone backslash", () => {
    expect(unescapeString("a\\")).toBe("a\\");
  });
});
