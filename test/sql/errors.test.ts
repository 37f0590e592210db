import { describe, expect, it } from "vitest";
import { SqlSyntaxError, parseStatement, parseStatements } from "../../src/sql/index";

function errorOf(run: () => unknown): SqlSyntaxError {
  try {
    run();
  } catch (e) {
    if (e instanceof SqlSyntaxError) return e;
    throw e;
  }
  throw new Error("expected a SqlSyntaxError");
}

describe("SqlSyntaxError", () => {
  it("is an Error with the Databricks error class and location fields", () => {
    const e = errorOf(() => parseStatement("GRANT SELECT ON TABLE TO x"));
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe("SqlSyntaxError");
    expect(e.errorClass).toBe("PARSE_SYNTAX_ERROR");
    expect({ line: e.line, column: e.column, offset: e.offset, found: e.found, expected: e.expected }).toEqual({
      line: 1, column: 23, offset: 22, found: "TO", expected: ["identifier"],
    });
    expect(e.message).toBe(
      "[PARSE_SYNTAX_ERROR] Syntax error at or near 'TO': expected identifier, found 'TO' (line 1, column 23)",
    );
  });

  it("says 'end of input' without quotes", () => {
    expect(errorOf(() => parseStatement("DROP CATALOG")).message).toBe(
      "[PARSE_SYNTAX_ERROR] Syntax error at or near end of input: expected IF EXISTS or identifier, " +
        "found end of input (line 1, column 13)",
    );
  });

  it("lists every alternative tried at the failing token", () => {
    expect(errorOf(() => parseStatement("DROP SCHEMA s WHATEVER")).message).toBe(
      "[PARSE_SYNTAX_ERROR] Syntax error at or near 'WHATEVER': expected CASCADE, RESTRICT or end of input, " +
        "found 'WHATEVER' (line 1, column 15)",
    );
  });

  it("reports an unknown privilege with the whole phrase", () => {
    const e = errorOf(() => parseStatement("GRANT\n  READ\n  TABLES ON t TO x"));
    expect(e).toMatchObject({ line: 2, column: 3, offset: 8, found: "READ TABLES", expected: ["privilege"] });
    expect(e.message).toContain("at or near 'READ': expected privilege, found 'READ TABLES' (line 2, column 3)");
  });

  it("offsets count from the start of the script", () => {
    const e = errorOf(() => parseStatements("SHOW SHARES;\n\nSHOW CATALOGS LIKE"));
    expect(e).toMatchObject({ line: 3, column: 19, offset: 32 });
  });
});

describe("parseStatement", () => {
  it("accepts one statement with a trailing semicolon and comments", () => {
    expect(parseStatement("  SHOW SHARES ; -- done\n").kind).toBe("ShowShares");
  });

  it("rejects empty input", () => {
    expect(errorOf(() => parseStatement(" -- nothing\n "))).toMatchObject({
      found: "end of input", expected: ["statement"],
    });
  });

  it("rejects a second statement, pointing at it", () => {
    expect(errorOf(() => parseStatement("SELECT 1;\n  SHOW SHARES"))).toMatchObject({
      line: 2, column: 3, found: "SHOW", expected: ["end of input"],
    });
  });

  it("reports errors in the first statement before complaining about the second", () => {
    expect(errorOf(() => parseStatement("SHOW NOTHING; SELECT 1"))).toMatchObject({ found: "NOTHING" });
  });
});

describe("parseStatements", () => {
  it("returns nothing for an empty script", () => {
    expect(parseStatements("")).toEqual([]);
    expect(parseStatements(";;\n-- c\n;")).toEqual([]);
  });

  it("parses a governance script", () => {
    const script = `
      CREATE CATALOG IF NOT EXISTS main COMMENT 'Main';
      CREATE SCHEMA main.sales;
      GRANT USE CATALOG ON CATALOG main TO \`data eng\`;
      GRANT USE SCHEMA, SELECT ON SCHEMA main.sales TO \`data eng\`;
      CREATE FUNCTION main.sales.us_only(region STRING) RETURNS BOOLEAN
        RETURN IF(is_account_group_member('admins'), true, region = 'US');
      ALTER TABLE main.sales.orders SET ROW FILTER main.sales.us_only ON (region);
      SHOW GRANTS ON SCHEMA main.sales;
    `;
    expect(parseStatements(script).map((s) => s.kind)).toEqual([
      "CreateCatalog", "CreateSchema", "Grant", "Grant", "CreateFunction", "AlterTableSetRowFilter", "ShowGrants",
    ]);
  });
});
