import { describe, expect, it } from "vitest";
import { normalizeName, parseStatement, stripSpans } from "../../src/sql/index";
import { parseAs } from "./helpers";

describe("catalogs and schemas", () => {
  it("CREATE SCHEMA with every clause", () => {
    const s = parseAs(
      "CREATE SCHEMA IF NOT EXISTS main.s COMMENT 'c' WITH DBPROPERTIES ('a' = 'b') MANAGED LOCATION 's3://x'",
      "CreateSchema",
    );
    expect(stripSpans(s)).toEqual({
      kind: "CreateSchema", ifNotExists: true,
      name: { parts: [{ value: "main", quoted: false }, { value: "s", quoted: false }] },
      managedLocation: "s3://x", comment: "c", properties: [{ key: "a", value: "b" }],
    });
  });

  it("DROP behaviour", () => {
    expect(parseAs("DROP CATALOG c CASCADE", "DropCatalog").behavior).toBe("cascade");
    expect(parseAs("DROP SCHEMA s RESTRICT", "DropSchema").behavior).toBe("restrict");
    expect(parseAs("DROP SCHEMA s", "DropSchema").behavior).toBeUndefined();
  });

  it("COMMENT ON COLUMN splits the table from the column", () => {
    const c = parseAs("COMMENT ON COLUMN main.s.t.amount IS 'cents'", "CommentOn");
    expect(c.target).toBe("column");
    expect(normalizeName(c.name)).toEqual(["main", "s", "t"]);
    expect(c.column!.value).toBe("amount");
    expect(c.name.span).toEqual({ start: 18, end: 26, line: 1, column: 19 });
  });

  it("COMMENT ON ... IS NULL gives a null comment", () => {
    expect(parseAs("COMMENT ON SHARE s IS NULL", "CommentOn").comment).toBeNull();
  });

  it("USE variants", () => {
    expect(parseAs("USE CATALOG main", "UseCatalog").name.parts).toHaveLength(1);
    expect(parseAs("USE DATABASE main.s", "UseSchema").name.parts).toHaveLength(2);
    expect(parseAs("USE catalog.s", "UseSchema").name.parts).toHaveLength(2);
  });
});

describe("CREATE TABLE", () => {
  it("reads columns, masks, the row filter and the CTAS text", () => {
    const t = parseAs(
      "CREATE OR REPLACE EXTERNAL TABLE c.s.t (id BIGINT NOT NULL, ssn STRING COMMENT 'x' MASK sec.m USING COLUMNS (id, 'k', -1))" +
        " USING delta PARTITIONED BY (id) LOCATION 's3://b/t' TBLPROPERTIES (a.b = 1)" +
        " WITH ROW FILTER sec.f ON (id) AS SELECT 1 AS id, '2' AS ssn  -- trailing",
      "CreateTable",
    );
    expect(t.orReplace && t.external).toBe(true);
    expect(t.columns!.map((c) => [c.name.value, c.type.typeText, c.notNull])).toEqual([
      ["id", "bigint", true], ["ssn", "string", false],
    ]);
    expect(stripSpans(t.columns![1]!.mask)).toEqual({
      function: { parts: [{ value: "sec", quoted: false }, { value: "m", quoted: false }] },
      using: [
        { kind: "column", name: { value: "id", quoted: false } },
        { kind: "string", value: "k" },
        { kind: "number", value: "-1" },
      ],
    });
    expect(t.using!.value).toBe("delta");
    expect(t.partitionedBy!.map((c) => c.value)).toEqual(["id"]);
    expect(t.location).toBe("s3://b/t");
    expect(t.properties).toMatchObject([{ key: "a.b", value: "1" }]);
    expect(stripSpans(t.rowFilter)).toMatchObject({ columns: [{ value: "id" }] });
    expect(t.query!.sql).toBe("SELECT 1 AS id, '2' AS ssn");
  });

  it("row filter and mask spans start at their keywords", () => {
    const t = parseAs("CREATE TABLE t (a INT MASK m) WITH ROW FILTER f ON (a)", "CreateTable");
    expect(t.columns![0]!.mask!.span).toMatchObject({ start: 22, end: 28 });
    expect(t.rowFilter!.span).toMatchObject({ start: 30, end: 54 });
  });

  it.each([
    ["INT", "int"],
    ["integer", "int"],
    ["Long", "bigint"],
    ["DECIMAL", "decimal(10,0)"],
    ["NUMERIC(5)", "decimal(5,0)"],
    ["DEC(12, 4)", "decimal(12,4)"],
    ["VARCHAR(20)", "varchar(20)"],
    ["CHARACTER(3)", "char(3)"],
    ["TIMESTAMP_LTZ", "timestamp"],
    ["TIMESTAMP_NTZ", "timestamp_ntz"],
    ["ARRAY<STRING>", "array<string>"],
    ["MAP<STRING, ARRAY<INT>>", "map<string,array<int>>"],
    ["STRUCT<a: INT, b STRING NOT NULL COMMENT 'x'>", "struct<a:int,b:string>"],
    ["STRUCT<>", "struct<>"],
    ["STRUCT<`first name`: STRING>", "struct<`first name`:string>"],
    ["ARRAY<STRUCT<x: MAP<INT, DOUBLE>>>", "array<struct<x:map<int,double>>>"],
    ["INTERVAL YEAR TO MONTH", "interval year to month"],
    ["INTERVAL SECOND", "interval second"],
  ])("data type %s has typeText %s", (type, text) => {
    const t = parseAs(`CREATE TABLE t (c ${type})`, "CreateTable");
    expect(t.columns![0]!.type.typeText).toBe(text);
  });

  it("keeps the structure of nested types", () => {
    const t = parseAs("CREATE TABLE t (m MAP<STRING, STRUCT<a: DECIMAL(3,1)>>)", "CreateTable");
    const m = t.columns![0]!.type;
    if (m.kind !== "map" || m.value.kind !== "struct") throw new Error("expected map of struct");
    expect(m.key).toMatchObject({ kind: "primitive", name: "string" });
    expect(m.value.fields[0]).toMatchObject({ name: { value: "a" }, type: { kind: "primitive", name: "decimal", params: [3, 1] } });
  });

  it("CREATE VIEW columns and query", () => {
    const v = parseAs("CREATE VIEW v (a COMMENT 'x', b) COMMENT 'view' AS\n  SELECT 1, 2", "CreateView");
    expect(v.columns!.map((c) => [c.name.value, c.comment])).toEqual([["a", "x"], ["b", undefined]]);
    expect(v.query).toMatchObject({ sql: "SELECT 1, 2", span: { line: 2, column: 3 } });
  });
});

describe("ALTER TABLE", () => {
  it("SET ROW FILTER with no columns", () => {
    expect(parseAs("ALTER TABLE t SET ROW FILTER f ON ()", "AlterTableSetRowFilter").filter.columns).toEqual([]);
  });

  it("SET MASK keeps table, column and mask", () => {
    const m = parseAs("ALTER TABLE c.s.t ALTER COLUMN ssn SET MASK c.sec.mask USING COLUMNS (region, TRUE)", "AlterColumnSetMask");
    expect(normalizeName(m.table)).toEqual(["c", "s", "t"]);
    expect(m.column.value).toBe("ssn");
    expect(m.mask.using.map((u) => u.kind)).toEqual(["column", "boolean"]);
  });
});

describe("functions", () => {
  it("captures parameters, characteristics and the raw body", () => {
    const f = parseAs(
      "CREATE FUNCTION c.s.f(a INT DEFAULT 1 + 2, b STRING DEFAULT concat('x', ',') COMMENT 'b') " +
        "RETURNS BOOLEAN COMMENT 'doc' DETERMINISTIC LANGUAGE SQL CONTAINS SQL RETURN a > 1 AND b <> ','",
      "CreateFunction",
    );
    expect(f.parameters.map((p) => [p.name.value, p.type.typeText, p.default?.sql, p.comment])).toEqual([
      ["a", "int", "1 + 2", undefined],
      ["b", "string", "concat('x', ',')", "b"],
    ]);
    expect(f).toMatchObject({ comment: "doc", deterministic: true, language: "sql", dataAccess: "contains_sql" });
    expect(f.returns.typeText).toBe("boolean");
    expect(f.body.sql).toBe("a > 1 AND b <> ','");
  });

  it("a body may be a query over several lines", () => {
    const f = parseAs("CREATE FUNCTION f() RETURNS INT RETURN\n  SELECT max(x)\n  FROM t", "CreateFunction");
    expect(f.body).toMatchObject({ sql: "SELECT max(x)\n  FROM t", span: { line: 2, column: 3 } });
  });
});

describe("storage", () => {
  it("CREATE STORAGE CREDENTIAL", () => {
    const c = parseAs("CREATE STORAGE CREDENTIAL r WITH (AWS_IAM_ROLE = 'arn:aws:iam::1:role/x') COMMENT 'c'", "CreateStorageCredential");
    expect(c).toMatchObject({ awsIamRole: "arn:aws:iam::1:role/x", comment: "c", ifNotExists: false });
  });

  it("CREATE EXTERNAL LOCATION", () => {
    const l = parseAs("CREATE EXTERNAL LOCATION l COMMENT 'c' WITH (STORAGE CREDENTIAL r) URL 's3://b/p'", "CreateExternalLocation");
    expect(l.url).toBe("s3://b/p");
    expect(l.credential.parts[0]!.value).toBe("r");
  });

  it("SET URL FORCE and DROP ... FORCE", () => {
    expect(parseAs("ALTER EXTERNAL LOCATION l SET URL 's3://n' FORCE", "AlterExternalLocationSetUrl").force).toBe(true);
    expect(parseAs("DROP STORAGE CREDENTIAL r", "DropStorageCredential").force).toBe(false);
    expect(parseAs("DROP EXTERNAL LOCATION IF EXISTS l FORCE", "DropExternalLocation")).toMatchObject({ force: true, ifExists: true });
  });
});

describe("sharing", () => {
  it("ADD TABLE partitions, alias and history", () => {
    const a = parseAs(
      "ALTER SHARE s ADD TABLE c.s.t PARTITION (year = 2024, region = CURRENT_RECIPIENT('region')), (name LIKE 'A%') AS x.y WITHOUT HISTORY",
      "AlterShareAddTable",
    );
    expect(stripSpans(a.partitions)).toEqual([
      {
        predicates: [
          { column: { value: "year", quoted: false }, op: "=", value: { kind: "number", value: "2024" } },
          { column: { value: "region", quoted: false }, op: "=", value: { kind: "current_recipient", property: "region" } },
        ],
      },
      { predicates: [{ column: { value: "name", quoted: false }, op: "LIKE", value: { kind: "string", value: "A%" } }] },
    ]);
    expect(normalizeName(a.alias!)).toEqual(["x", "y"]);
    expect(a.history).toBe(false);
  });

  it("history is absent unless written", () => {
    expect(parseAs("ALTER SHARE s ADD TABLE t", "AlterShareAddTable").history).toBeUndefined();
  });

  it("SCHEMA and VIEW objects", () => {
    expect(normalizeName(parseAs("ALTER SHARE s ADD SCHEMA c.s", "AlterShareAddSchema").schema)).toEqual(["c", "s"]);
    expect(parseAs("ALTER SHARE s ADD VIEW c.s.v AS a.b", "AlterShareAddView").alias).toBeDefined();
    expect(parseAs("ALTER SHARE s REMOVE c.s.t", "AlterShareRemoveTable").table.parts).toHaveLength(3);
  });

  it("recipients", () => {
    const r = parseAs("CREATE RECIPIENT r PROPERTIES ('country' = 'US') USING ID 'aws:x:y'", "CreateRecipient");
    expect(r).toMatchObject({ sharingId: "aws:x:y", properties: [{ key: "country", value: "US" }] });
    expect(parseAs("ALTER RECIPIENT r UNSET PROPERTIES ('a', b.c)", "AlterRecipientUnsetProperties").keys).toEqual(["a", "b.c"]);
  });

  it("rejects too many parts in a share alias", () => {
    expect(() => parseStatement("ALTER SHARE s ADD TABLE t AS a.b.c")).toThrow(/at most 2 name parts/);
  });
});
