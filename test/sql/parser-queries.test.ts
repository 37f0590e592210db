import { describe, expect, it } from "vitest";
import { parseStatements } from "../../src/sql/index";
import { parseAs } from "./helpers";

describe("raw query capture", () => {
  it("keeps the exact text of a query, without surrounding comments", () => {
    const q = parseAs("-- note\n  SELECT a,\n    'x;y' AS b -- why\n  FROM t /* end */", "Query");
    expect(q.sql).toBe("SELECT a,\n    'x;y' AS b -- why\n  FROM t");
    expect(q.span).toMatchObject({ line: 2, column: 3 });
  });

  it.each(["SELECT 1", "WITH a AS (SELECT 1) SELECT * FROM a", "VALUES 1", "FROM t SELECT *", "TABLE t", "((SELECT 1))"])(
    "%s is a query",
    (sql) => {
      expect(parseAs(sql, "Query").sql).toBe(sql);
    },
  );

  it("queries in a script keep their own text", () => {
    const stmts = parseStatements("SELECT 1;\nSELECT 'a;b';\n\nTABLE t;");
    expect(stmts.map((s) => (s.kind === "Query" ? s.sql : ""))).toEqual(["SELECT 1", "SELECT 'a;b'", "TABLE t"]);
    expect(stmts.map((s) => [s.span.start, s.span.line])).toEqual([[0, 1], [10, 2], [25, 4]]);
  });
});

describe("INSERT", () => {
  it("column list versus a parenthesised query", () => {
    const withCols = parseAs("INSERT INTO t (a, b) VALUES (1, 2)", "Insert");
    expect(withCols.columns!.map((c) => c.value)).toEqual(["a", "b"]);
    expect(withCols.query.sql).toBe("VALUES (1, 2)");
    const subquery = parseAs("INSERT INTO t (SELECT * FROM s)", "Insert");
    expect(subquery.columns).toBeUndefined();
    expect(subquery.query.sql).toBe("(SELECT * FROM s)");
  });

  it("OVERWRITE and TABLE", () => {
    expect(parseAs("INSERT OVERWRITE TABLE c.s.t SELECT 1", "Insert")).toMatchObject({ overwrite: true, query: { sql: "SELECT 1" } });
    expect(parseAs("INSERT INTO c.s.t SELECT 1", "Insert").overwrite).toBe(false);
  });
});

describe("EXPLAIN and DESCRIBE", () => {
  it("EXPLAIN modes", () => {
    expect(parseAs("EXPLAIN SELECT 1", "Explain").mode).toBeUndefined();
    expect(parseAs("EXPLAIN FORMATTED SELECT 1", "Explain")).toMatchObject({ mode: "formatted", statement: { sql: "SELECT 1" } });
  });

  it("DESCRIBE forms", () => {
    expect(parseAs("DESC TABLE EXTENDED c.s.t", "DescribeTable")).toMatchObject({ extended: true });
    expect(parseAs("DESCRIBE t", "DescribeTable")).toMatchObject({ extended: false });
    expect(parseAs("DESCRIBE FUNCTION EXTENDED f", "DescribeFunction").extended).toBe(true);
    expect(parseAs("DESCRIBE RECIPIENT r", "DescribeRecipient").name.parts[0]!.value).toBe("r");
  });
});

describe("SHOW listings", () => {
  it("IN / FROM and optional LIKE", () => {
    expect(parseAs("SHOW TABLES FROM main.s LIKE 'o*'", "ShowTables")).toMatchObject({
      in: { parts: [{ value: "main" }, { value: "s" }] }, pattern: "o*",
    });
    expect(parseAs("SHOW SCHEMAS 'x'", "ShowSchemas")).toMatchObject({ pattern: "x" });
    expect(parseAs("SHOW CATALOGS", "ShowCatalogs").pattern).toBeUndefined();
    expect(parseAs("SHOW ALL IN SHARE s", "ShowAllInShare").share.parts[0]!.value).toBe("s");
  });
});
