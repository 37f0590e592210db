import { describe, expect, it } from "vitest";
import { normalizeSql } from "../../src/engine/dialect";
import { parseQueryAst, printQuery } from "../../src/engine/sql-ast";
import { QueryRewriter, type RewriteHooks } from "../../src/engine/walker";
import { tableRelation } from "../../src/engine/relations";
import { LakewardError } from "../../src/errors";

/** The rewrite on its own (no database): dialect, scoping, refusals, provenance. */
const identity = { userName: "ann@example.com", groups: new Set(["account users", "hr"]), catalog: "main", schema: "s" };
const BUILTINS = new Set(["count", "sum", "lower", "upper", "right", "concat", "row_number", "max"]);

async function rewrite(sql: string) {
  const seen: string[][] = [];
  const calls: string[][] = [];
  const hooks: RewriteHooks = {
    table: async (parts) => {
      seen.push(parts);
      const name = parts.join(".");
      return { sqlName: `__lw_v_${seen.length - 1}`, relation: tableRelation(name, ["id", "ssn"]) };
    },
    catalogFunction: async (parts) => {
      calls.push(parts);
      return `__lw_fn_${calls.length - 1}`;
    },
    isBuiltin: (name) => BUILTINS.has(name),
  };
  const n = normalizeSql(sql, identity);
  const ast = parseQueryAst(n.text);
  const relation = await new QueryRewriter(hooks, n.functions).query(ast);
  return { sql: printQuery(ast), seen, calls, relation };
}
const refusal = (sql: string) => rewrite(sql).then(() => undefined, (e: unknown) => e as LakewardError);

describe("dialect", () => {
  it("turns Databricks spellings into one unambiguous form", () => {
    const n = normalizeSql("SELECT `a b`, \"x'y\", 'back\\\\slash', CAST(c AS STRING), d::long FROM t -- gone", identity);
    expect(n.text).toBe(`SELECT "a b", 'x''y', ('back' || chr(92) || 'slash'), CAST(c AS VARCHAR), d::BIGINT FROM t`);
  });
  it("answers identity functions for the querying principal, never from the text", () => {
    expect(normalizeSql("SELECT current_user(), session_user(), is_account_group_member('HR'), is_member('admins')", identity).text)
      .toBe("SELECT 'ann@example.com', 'ann@example.com', TRUE, FALSE");
    expect(normalizeSql("SELECT is_account_group_member(g) FROM t", identity).text).toBe("SELECT (lower(CAST((g) AS VARCHAR)) IN ('account users', 'hr')) FROM t");
  });
  it("replaces qualified function calls by placeholders and refuses what the parser would misread", () => {
    expect(normalizeSql("SELECT main.s.f(x), s.g(1)", identity)).toEqual({ text: "SELECT __lwfn_0(x), __lwfn_1(1)", functions: [["main", "s", "f"], ["s", "g"]] });
    for (const bad of ["SELECT 1; SELECT 2", "SELECT $1", "SELECT ?", "SELECT :x", "SELECT a[0] FROM t", "SELECT `a\"b` FROM t", "SELECT 1L"]) {
      expect(() => normalizeSql(bad, identity), bad).toThrow(LakewardError);
    }
  });
});

describe("rewriter", () => {
  it("replaces every table reference, keeping aliases so column references still resolve", async () => {
    const r = await rewrite("SELECT s.t.id, x.ssn FROM main.s.t JOIN `main`.`s`.`u` AS x ON t.id = x.id");
    expect(r.seen).toEqual([["main", "s", "t"], ["main", "s", "u"]]);
    expect(r.sql).toBe(`SELECT "t".id, "x".ssn FROM "__lw_v_0" AS "t" INNER JOIN "__lw_v_1" AS "x" ON "t".id = "x".id`);
  });
  it("resolves CTE names by SQL scoping, subqueries and set operations included", async () => {
    const r = await rewrite("WITH t AS (SELECT * FROM t) SELECT * FROM t UNION ALL SELECT * FROM (WITH u AS (SELECT 1 AS id) SELECT * FROM u, t) q WHERE EXISTS (SELECT 1 FROM v)");
    expect(r.seen).toEqual([["t"], ["v"]]);
    const rec = await rewrite("WITH RECURSIVE r AS (SELECT 1 AS n UNION ALL SELECT n + 1 FROM r WHERE n < 3) SELECT * FROM r");
    expect(rec.seen).toEqual([]);
  });
  it("refuses table functions, engine catalogs and file readers; keeps generators", async () => {
    for (const q of ["SELECT * FROM read_parquet('x')", "SELECT * FROM duckdb_tables()", "SELECT read_text('x')", "SELECT current_setting('x')", "SELECT * FROM query('SELECT 1')", "SELECT x INTO y FROM t"]) {
      expect((await refusal(q))?.code, q).toBe("PERMISSION_DENIED");
    }
    expect((await rewrite("SELECT * FROM range(3)")).seen).toEqual([]);
  });
  it("routes unknown and qualified calls to the catalog, built-ins to the engine", async () => {
    const r = await rewrite("SELECT lower(ssn), f(id), main.s.g(id), nvl(id, 0), if(id > 1, 1, 2) FROM t");
    expect(r.calls).toEqual([["f"], ["main", "s", "g"]]);
    expect(r.sql).toContain("lower(ssn), __lw_fn_0(id), __lw_fn_1(id), coalesce(id, 0), if(id > 1, 1, 2)");
  });
  it("tracks which source columns feed each output column", async () => {
    const r = await rewrite("WITH c AS (SELECT id AS k, upper(ssn) AS u FROM main.s.t) SELECT k, concat(u, (SELECT max(ssn) FROM main.s.x)) AS both, 1 AS one FROM c");
    expect(r.relation.columns.map((c) => [c.name, c.sources.map((s) => `${s.table}.${s.column}`)])).toEqual([
      ["k", ["main.s.t.id"]], ["both", ["main.s.t.ssn", "main.s.x.ssn"]], ["one", []],
    ]);
    const star = await rewrite("SELECT * FROM main.s.t a, main.s.x b");
    expect(star.relation.columns.map((c) => c.sources[0]!.table)).toEqual(["main.s.t", "main.s.t", "main.s.x", "main.s.x"]);
  });
});
