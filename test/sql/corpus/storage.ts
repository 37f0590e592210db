import type { ValidCase } from "./types";

/** Storage credentials (Lakeward syntax) and external locations (Databricks SQL ref: CREATE/ALTER/DROP EXTERNAL LOCATION). */
export const STORAGE: ValidCase[] = [
  { sql: "CREATE STORAGE CREDENTIAL aws_role WITH (AWS_IAM_ROLE 'arn:aws:iam::123456789012:role/uc-access')", kind: "CreateStorageCredential", doc: "Lakeward: CREATE STORAGE CREDENTIAL" },
  { sql: "CREATE STORAGE CREDENTIAL IF NOT EXISTS c2 WITH (AWS_IAM_ROLE = 'arn:aws:iam::1:role/r') COMMENT 'prod'", kind: "CreateStorageCredential", doc: "Lakeward: AWS_IAM_ROLE = 'arn'" },
  { sql: "CREATE STORAGE CREDENTIAL c3 COMMENT 'comment first' WITH (aws_iam_role 'arn:aws:iam::1:role/r')", kind: "CreateStorageCredential", doc: "Lakeward: clauses in any order" },
  { sql: "DROP STORAGE CREDENTIAL aws_role", kind: "DropStorageCredential", doc: "DROP STORAGE CREDENTIAL" },
  { sql: "DROP STORAGE CREDENTIAL IF EXISTS aws_role FORCE", kind: "DropStorageCredential", doc: "DROP STORAGE CREDENTIAL FORCE" },
  { sql: "CREATE EXTERNAL LOCATION landing URL 's3://bucket/landing' WITH (STORAGE CREDENTIAL aws_role)", kind: "CreateExternalLocation", doc: "CREATE EXTERNAL LOCATION" },
  { sql: "CREATE EXTERNAL LOCATION IF NOT EXISTS `raw-zone` URL 's3://bucket/raw' WITH (STORAGE CREDENTIAL aws_role) COMMENT 'raw'", kind: "CreateExternalLocation", doc: "CREATE EXTERNAL LOCATION IF NOT EXISTS with COMMENT" },
  { sql: "ALTER EXTERNAL LOCATION landing SET URL 's3://bucket/landing2'", kind: "AlterExternalLocationSetUrl", doc: "ALTER EXTERNAL LOCATION SET URL" },
  { sql: "ALTER EXTERNAL LOCATION landing SET URL 's3://bucket/landing2' FORCE", kind: "AlterExternalLocationSetUrl", doc: "SET URL FORCE" },
  { sql: "ALTER EXTERNAL LOCATION landing SET STORAGE CREDENTIAL other_role", kind: "AlterExternalLocationSetCredential", doc: "SET STORAGE CREDENTIAL" },
  { sql: "ALTER EXTERNAL LOCATION landing RENAME TO landing_v2", kind: "AlterRename", doc: "ALTER EXTERNAL LOCATION RENAME TO" },
  { sql: "ALTER EXTERNAL LOCATION landing SET OWNER TO admins", kind: "AlterOwner", doc: "ALTER EXTERNAL LOCATION SET OWNER TO" },
  { sql: "DROP EXTERNAL LOCATION landing", kind: "DropExternalLocation", doc: "DROP EXTERNAL LOCATION" },
  { sql: "DROP EXTERNAL LOCATION IF EXISTS landing FORCE", kind: "DropExternalLocation", doc: "DROP EXTERNAL LOCATION FORCE" },
  { sql: "SHOW STORAGE CREDENTIALS", kind: "ShowStorageCredentials", doc: "SHOW STORAGE CREDENTIALS" },
  { sql: "SHOW EXTERNAL LOCATIONS", kind: "ShowExternalLocations", doc: "SHOW EXTERNAL LOCATIONS" },
  { sql: "DESCRIBE STORAGE CREDENTIAL aws_role", kind: "DescribeStorageCredential", doc: "DESCRIBE STORAGE CREDENTIAL" },
  { sql: "DESC EXTERNAL LOCATION landing", kind: "DescribeExternalLocation", doc: "DESC EXTERNAL LOCATION" },
];
