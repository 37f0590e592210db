import { describe, expect, it } from "vitest";
import { splitStatements } from "../../src/sql/index";

const texts = (sql: string) => splitStatements(sql).map((s) => s.text);

describe("splitStatements", () => {
  it("splits on top-level semicolons and trims", () => {
    expect(texts("SELECT 1;  SHOW SHARES ;\nUSE main")).toEqual(["SELECT 1", "SHOW SHARES", "USE main"]);
  });

  it("skips empty statements and a trailing semicolon", () => {
    expect(texts(";; SELECT 1;;\n;  ")).toEqual(["SELECT 1"]);
    expect(texts("")).toEqual([]);
    expect(texts("  \n ")).toEqual([]);
  });

  it("skips statements made only of comments", () => {
    expect(texts("-- just a note;\n/* and ; another */; SELECT 2")).toEqual(["SELECT 2"]);
  });

  it("ignores semicolons inside single, double and backtick quotes", () => {
    expect(texts(`SELECT 'a;b', "c;d", \`e;f\` FROM t; SELECT 2`)).toEqual([
      "SELECT 'a;b', \"c;d\", `e;f` FROM t", "SELECT 2",
    ]);
  });

  it("handles escaped quotes inside strings", () => {
    expect(texts(String.raw`SELECT 'it\'s; fine'; SELECT 'x'';'`)).toEqual([
      String.raw`SELECT 'it\'s; fine'`, "SELECT 'x'';'",
    ]);
  });

  it("handles doubled backticks and raw strings", () => {
    expect(texts("SELECT `a``;b`; SELECT r'\\'; SELECT 3")).toEqual(["SELECT `a``;b`", "SELECT r'\\'", "SELECT 3"]);
  });

  it("ignores semicolons inside line and (nested) block comments", () => {
    expect(texts("SELECT 1 -- a;b\n+ 1; SELECT /* x; /* y; */ z; */ 2")).toEqual([
      "SELECT 1 -- a;b\n+ 1", "SELECT /* x; /* y; */ z; */ 2",
    ]);
  });

  it("ignores semicolons inside (nested) parentheses", () => {
    expect(texts("CREATE FUNCTION f() RETURNS INT RETURN (SELECT (1; 2)); SELECT 1")).toEqual([
      "CREATE FUNCTION f() RETURNS INT RETURN (SELECT (1; 2))", "SELECT 1",
    ]);
  });

  it("does not let a stray closing parenthesis hide later semicolons", () => {
    expect(texts("SELECT 1); SELECT 2")).toEqual(["SELECT 1)", "SELECT 2"]);
  });

  it("runs an unterminated quote to the end of the script", () => {
    expect(texts("SELECT 1; SELECT 'oops; SELECT 3")).toEqual(["SELECT 1", "SELECT 'oops; SELECT 3"]);
  });

  it("reports where each statement starts", () => {
    const parts = splitStatements("SELECT 1;\n\n  SHOW SHARES;");
    expect(parts[1]).toEqual({ text: "SHOW SHARES", start: 13, end: 24, line: 3, column: 3 });
  });
});
