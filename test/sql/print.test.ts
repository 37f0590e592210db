import { describe, expect, it } from "vitest";
import {
  formatName, needsQuoting, parseStatement, printStatement, quoteIdentifier, stripSpans,
  type Identifier, type QualifiedName, type Span, type Statement,
} from "../../src/sql/index";

const span: Span = { start: 0, end: 0, line: 1, column: 1 };
const id = (value: string, quoted = false): Identifier => ({ value, quoted, span });
const qn = (...parts: string[]): QualifiedName => ({ parts: parts.map((p) => id(p)), span });

/** Prints, parses back and checks the tree is unchanged. */
function roundTrip(stmt: Statement): string {
  const sql = printStatement(stmt);
  expect(stripSpans(parseStatement(sql))).toEqual(stripSpans(stmt));
  return sql;
}

describe("identifier quoting", () => {
  it.each([
    ["data eng", true],
    ["my-catalog", true],
    ["alice@example.com", true],
    ["a.b", true],
    ["", true],
    ["1abc", true],
    ["select", true],
    ["TABLE", true],
    ["to", true],
    ["sales_2024", false],
    ["Sales", false],
    ["café", false],
    ["catalog", false],
    ["comment", false],
  ])("needsQuoting(%j) is %s", (name, expected) => {
    expect(needsQuoting(name)).toBe(expected);
  });

  it("doubles backticks inside quoted names", () => {
    expect(quoteIdentifier("we`ird")).toBe("`we``ird`");
  });

  it("backticks only the parts that need it", () => {
    expect(formatName(qn("main", "sales data", "order-lines"))).toBe("main.`sales data`.`order-lines`");
  });

  it("keeps quoting that was written, even when not needed", () => {
    const stmt = parseStatement("DROP TABLE `main`.sales");
    expect(printStatement(stmt)).toBe("DROP TABLE `main`.sales");
  });

  it("quotes names built in code that need it, and they read back", () => {
    const stmt: Statement = {
      kind: "CreateTable", orReplace: false, external: false, ifNotExists: false,
      name: qn("my-cat", "sales data", "select"), span,
    };
    const sql = printStatement(stmt);
    expect(sql).toBe("CREATE TABLE `my-cat`.`sales data`.`select`");
    expect(parseStatement(sql)).toMatchObject({
      name: { parts: [{ value: "my-cat", quoted: true }, { value: "sales data" }, { value: "select" }] },
    });
  });

  it("quotes principals with special characters; keeps plain ones bare", () => {
    const stmt = parseStatement("GRANT SELECT ON t TO `alice@example.com`, 'data eng', admins, `we``ird`");
    expect(roundTrip(stmt)).toBe(
      "GRANT SELECT ON TABLE t TO `alice@example.com`, `data eng`, admins, `we``ird`",
    );
  });

  it("prints recipients with their keyword", () => {
    expect(roundTrip(parseStatement("grant select on share s to recipient `acme-corp`"))).toBe(
      "GRANT SELECT ON SHARE s TO RECIPIENT `acme-corp`",
    );
  });

  it("quotes a struct field name that needs it", () => {
    const stmt = parseStatement("CREATE TABLE t (s STRUCT<`first name`: STRING, `to`: INT>)");
    expect(roundTrip(stmt)).toBe("CREATE TABLE t (s STRUCT<`first name`: STRING, `to`: INT>)");
  });
});

describe("string literals", () => {
  it.each([
    ["It's", String.raw`'It\'s'`],
    ['say "hi"', `'say "hi"'`],
    ["back\\slash", String.raw`'back\\slash'`],
    ["two\nlines\tand tab", String.raw`'two\nlines\tand tab'`],
    ["50\\% off", String.raw`'50\\% off'`],
  ])("escapes %j", (value, literal) => {
    const stmt: Statement = { kind: "CreateShare", ifNotExists: false, name: qn("s"), comment: value, span };
    expect(roundTrip(stmt)).toBe(`CREATE SHARE s COMMENT ${literal}`);
  });

  it("reads a double-quoted string back as the same value", () => {
    const stmt = parseStatement(`COMMENT ON CATALOG c IS "it's"`);
    expect(printStatement(stmt)).toBe(String.raw`COMMENT ON CATALOG c IS 'it\'s'`);
  });

  it("concatenates adjacent literals", () => {
    expect(parseStatement("COMMENT ON CATALOG c IS 'a' 'b'")).toMatchObject({ comment: "ab" });
  });
});

describe("canonical form", () => {
  it.each([
    ["grant   use catalog,select on database main.s to bob", "GRANT USE CATALOG, SELECT ON SCHEMA main.s TO bob"],
    ["USE s", "USE SCHEMA s"],
    ["desc t", "DESCRIBE TABLE t"],
    ["SHOW DATABASES FROM main 'x*'", "SHOW SCHEMAS IN main LIKE 'x*'"],
    ["ALTER SCHEMA s SET OWNER TO a", "ALTER SCHEMA s OWNER TO a"],
    ["CREATE TABLE t (a integer, b dec(5), c long) using DELTA", "CREATE TABLE t (a INT, b DECIMAL(5, 0), c BIGINT) USING DELTA"],
    ["CREATE SCHEMA s WITH DBPROPERTIES (a.b = true, 'n' 1)", "CREATE SCHEMA s WITH DBPROPERTIES ('a.b' = 'true', 'n' = '1')"],
    ["ALTER TABLE t CHANGE c COMMENT 'x'", "ALTER TABLE t ALTER COLUMN c COMMENT 'x'"],
    [
      "ALTER SHARE s ADD t PARTITION (c = current_recipient().country), PARTITION (d LIKE 'x%') WITH HISTORY",
      "ALTER SHARE s ADD TABLE t PARTITION (c = CURRENT_RECIPIENT('country')), (d LIKE 'x%') WITH HISTORY",
    ],
    [
      "create function f(x int default 1) returns int reads sql data not deterministic return x+1",
      "CREATE FUNCTION f(x INT DEFAULT 1) RETURNS INT NOT DETERMINISTIC READS SQL DATA RETURN x+1",
    ],
    ["insert overwrite t select 1", "INSERT OVERWRITE TABLE t select 1"],
    ["CREATE STORAGE CREDENTIAL c WITH (aws_iam_role = 'arn')", "CREATE STORAGE CREDENTIAL c WITH (AWS_IAM_ROLE 'arn')"],
  ])("%s", (input, canonical) => {
    const stmt = parseStatement(input);
    expect(printStatement(stmt)).toBe(canonical);
    expect(stripSpans(parseStatement(canonical))).toEqual(stripSpans(stmt));
  });

  it("keeps raw query text exactly, including its inner comments and line breaks", () => {
    const sql = "CREATE VIEW v AS\nSELECT a, -- why\n  b FROM t";
    expect(printStatement(parseStatement(sql))).toBe("CREATE VIEW v AS SELECT a, -- why\n  b FROM t");
  });
});
