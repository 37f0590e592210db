import type { ValidCase } from "./types";

/** SQL functions (Databricks SQL ref: CREATE FUNCTION (SQL), DROP FUNCTION, DESCRIBE FUNCTION). */
export const FUNCTIONS: ValidCase[] = [
  { sql: "CREATE FUNCTION main.sec.us_only(region STRING) RETURNS BOOLEAN RETURN IF(is_account_group_member('admins'), true, region = 'US')", kind: "CreateFunction", doc: "row filter function (uc-semantics §4)" },
  { sql: "CREATE OR REPLACE FUNCTION main.sec.mask_ssn(ssn STRING) RETURNS STRING RETURN CASE WHEN is_account_group_member('hr') THEN ssn ELSE '***-**-' || right(ssn, 4) END", kind: "CreateFunction", doc: "column mask function (uc-semantics §4)" },
  { sql: "CREATE TEMPORARY FUNCTION plus_one(x INT) RETURNS INT RETURN x + 1", kind: "CreateFunction", doc: "temporary function" },
  { sql: "CREATE FUNCTION IF NOT EXISTS main.util.now_utc() RETURNS TIMESTAMP RETURN current_timestamp()", kind: "CreateFunction", doc: "function without parameters" },
  { sql: "CREATE FUNCTION f(a INT DEFAULT 1, b STRING DEFAULT concat('a', 'b') COMMENT 'second') RETURNS STRING LANGUAGE SQL DETERMINISTIC COMMENT 'demo' CONTAINS SQL RETURN concat(a, b)", kind: "CreateFunction", doc: "parameter defaults and all characteristics" },
  { sql: "CREATE FUNCTION f(x INT) RETURNS INT NOT DETERMINISTIC READS SQL DATA RETURN SELECT max(id) FROM t WHERE id < x", kind: "CreateFunction", doc: "body is a query" },
  { sql: "CREATE FUNCTION f(x DECIMAL(10, 2), y ARRAY<STRING>) RETURNS MAP<STRING, INT> COMMENT 'c' LANGUAGE SQL RETURN map(y[0], 1)", kind: "CreateFunction", doc: "complex parameter and return types, characteristics reordered" },
  { sql: "CREATE FUNCTION f() RETURNS STRING RETURN current_user()", kind: "CreateFunction", doc: "current_user() in a body" },
  { sql: "CREATE FUNCTION f(p STRING) RETURNS BOOLEAN RETURN p = 'a;b' -- semicolon in a string", kind: "CreateFunction", doc: "body with ';' inside a string" },
  { sql: "DROP FUNCTION main.sec.us_only", kind: "DropFunction", doc: "DROP FUNCTION" },
  { sql: "DROP FUNCTION IF EXISTS f", kind: "DropFunction", doc: "DROP FUNCTION IF EXISTS" },
  { sql: "DESCRIBE FUNCTION main.sec.us_only", kind: "DescribeFunction", doc: "DESCRIBE FUNCTION" },
  { sql: "DESCRIBE FUNCTION EXTENDED f", kind: "DescribeFunction", doc: "DESCRIBE FUNCTION EXTENDED" },
];
