import type { ValidCase } from "./types";

/** Query-engine statements, captured as raw text (Databricks SQL ref: SELECT, INSERT, EXPLAIN). */
export const QUERIES: ValidCase[] = [
  { sql: "SELECT 1", kind: "Query", doc: "SELECT" },
  { sql: "select * from main.sales.orders where region = 'US'", kind: "Query", doc: "lower-case SELECT" },
  { sql: "WITH x AS (SELECT 1) SELECT * FROM x", kind: "Query", doc: "WITH (CTE)" },
  { sql: "VALUES (1, 'a'), (2, 'b')", kind: "Query", doc: "VALUES" },
  { sql: "FROM main.sales.orders SELECT id", kind: "Query", doc: "FROM-first query" },
  { sql: "TABLE main.sales.orders", kind: "Query", doc: "TABLE t shorthand" },
  { sql: "(SELECT 1) UNION (SELECT 2)", kind: "Query", doc: "parenthesised query" },
  { sql: "SELECT 'a;b' AS s, `we;ird` FROM t -- trailing comment", kind: "Query", doc: "';' inside quotes, trailing comment" },
  { sql: "SELECT /* ; */ 1", kind: "Query", doc: "';' inside a block comment" },
  { sql: "SELECT a::int, b || c, d -> e, x[0], $var FROM t", kind: "Query", doc: "operators the governance lexer does not know" },
  { sql: "INSERT INTO main.sales.orders VALUES (1, 2.5)", kind: "Insert", doc: "INSERT INTO VALUES" },
  { sql: "INSERT INTO TABLE t (a, b) SELECT a, b FROM s", kind: "Insert", doc: "INSERT INTO TABLE with columns" },
  { sql: "INSERT OVERWRITE TABLE t SELECT * FROM s", kind: "Insert", doc: "INSERT OVERWRITE" },
  { sql: "INSERT OVERWRITE t (SELECT * FROM s)", kind: "Insert", doc: "INSERT with a parenthesised query" },
  { sql: "INSERT INTO t (a) VALUES (1)", kind: "Insert", doc: "INSERT with a column list" },
  { sql: "INSERT INTO t WITH x AS (SELECT 1) SELECT * FROM x", kind: "Insert", doc: "INSERT ... WITH" },
  { sql: "EXPLAIN SELECT 1", kind: "Explain", doc: "EXPLAIN" },
  { sql: "EXPLAIN EXTENDED SELECT * FROM t", kind: "Explain", doc: "EXPLAIN EXTENDED" },
  { sql: "EXPLAIN FORMATTED WITH a AS (SELECT 1) SELECT * FROM a", kind: "Explain", doc: "EXPLAIN FORMATTED" },
  { sql: "EXPLAIN INSERT INTO t VALUES (1)", kind: "Explain", doc: "EXPLAIN an INSERT" },
];
