import type { ValidCase } from "./types";

/** SHOW and DESCRIBE (Databricks SQL ref: SHOW CATALOGS / SCHEMAS / TABLES / VOLUMES / FUNCTIONS, DESCRIBE ...). */
export const SESSION: ValidCase[] = [
  { sql: "SHOW CATALOGS", kind: "ShowCatalogs", doc: "SHOW CATALOGS" },
  { sql: "SHOW CATALOGS LIKE 'ma*'", kind: "ShowCatalogs", doc: "SHOW CATALOGS LIKE" },
  { sql: "SHOW CATALOGS 'dev|prod'", kind: "ShowCatalogs", doc: "SHOW CATALOGS: LIKE is optional" },
  { sql: "SHOW SCHEMAS", kind: "ShowSchemas", doc: "SHOW SCHEMAS" },
  { sql: "SHOW SCHEMAS IN main", kind: "ShowSchemas", doc: "SHOW SCHEMAS IN catalog" },
  { sql: "SHOW DATABASES FROM main LIKE 's*'", kind: "ShowSchemas", doc: "SHOW DATABASES FROM ... LIKE" },
  { sql: "SHOW TABLES", kind: "ShowTables", doc: "SHOW TABLES" },
  { sql: "SHOW TABLES IN main.sales", kind: "ShowTables", doc: "SHOW TABLES IN schema" },
  { sql: "SHOW TABLES FROM sales 'ord*'", kind: "ShowTables", doc: "SHOW TABLES FROM with pattern" },
  { sql: "SHOW VOLUMES IN main.raw", kind: "ShowVolumes", doc: "SHOW VOLUMES IN" },
  { sql: "SHOW VOLUMES", kind: "ShowVolumes", doc: "SHOW VOLUMES" },
  { sql: "SHOW FUNCTIONS IN main.sec", kind: "ShowFunctions", doc: "SHOW FUNCTIONS IN" },
  { sql: "SHOW FUNCTIONS LIKE 'mask*'", kind: "ShowFunctions", doc: "SHOW FUNCTIONS LIKE" },
  { sql: "DESCRIBE TABLE main.sales.orders", kind: "DescribeTable", doc: "DESCRIBE TABLE" },
  { sql: "DESC main.sales.orders", kind: "DescribeTable", doc: "DESC without TABLE" },
  { sql: "DESCRIBE TABLE EXTENDED t", kind: "DescribeTable", doc: "DESCRIBE TABLE EXTENDED" },
  { sql: "DESCRIBE EXTENDED t", kind: "DescribeTable", doc: "DESCRIBE EXTENDED" },
  { sql: "DESCRIBE extended", kind: "DescribeTable", doc: "a table called 'extended'" },
  { sql: "DESCRIBE share.s.t", kind: "DescribeTable", doc: "keyword followed by '.' is a table name" },
  { sql: "DESCRIBE CATALOG main", kind: "DescribeCatalog", doc: "DESCRIBE CATALOG" },
  { sql: "DESCRIBE SCHEMA EXTENDED main.sales", kind: "DescribeSchema", doc: "DESCRIBE SCHEMA EXTENDED" },
  { sql: "DESCRIBE DATABASE main.sales", kind: "DescribeSchema", doc: "DESCRIBE DATABASE" },
];
