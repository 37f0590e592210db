import type { RequestContext } from "../../context";
import { LakewardError } from "../../errors";
import {
  createStorageCredential, deleteStorageCredential, getStorageCredential, listStorageCredentials,
} from "../../catalog/storage-credentials";
import type { CreateStorageCredential, DescribeStorageCredential, DropStorageCredential, ShowStorageCredentials } from "../ast";
import { EMPTY_RESULT, stringResult, type ResultSet } from "./result";
import { qualify, type Session } from "./session";
import type { StatementHandlers } from "./registry";
import { allPages, ifExists } from "./namespace";

/** Timestamps in DESCRIBE output: UTC, to the second. */
export const sqlTime = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString().replace("T", " ").slice(0, 19));

/** `CREATE STORAGE CREDENTIAL [IF NOT EXISTS] c WITH (AWS_IAM_ROLE 'arn') [COMMENT 'x']`. */
const createCredential = async (ctx: RequestContext, _s: Session, stmt: CreateStorageCredential): Promise<ResultSet> => {
  try {
    await createStorageCredential({ ctx, input: { name: qualify({}, stmt.name, 1), aws_iam_role: { role_arn: stmt.awsIamRole }, comment: stmt.comment } });
  } catch (err) {
    if (!(stmt.ifNotExists && err instanceof LakewardError && err.code === "STORAGE_CREDENTIAL_ALREADY_EXISTS")) throw err;
  }
  return EMPTY_RESULT;
};

/** `DROP STORAGE CREDENTIAL [IF EXISTS] c [FORCE]`. */
const dropCredential = async (ctx: RequestContext, _s: Session, stmt: DropStorageCredential): Promise<ResultSet> => {
  await ifExists(stmt.ifExists, () => deleteStorageCredential({ ctx, name: qualify({}, stmt.name, 1), force: stmt.force }));
  return EMPTY_RESULT;
};

/** `SHOW STORAGE CREDENTIALS`: name and comment of each credential the caller may see. */
const showCredentials = async (ctx: RequestContext): Promise<ResultSet> => {
  const rows = await allPages((pageToken) => listStorageCredentials({ ctx, input: { pageToken } }));
  return stringResult(["name", "comment"], rows.map((c) => [c.name, c.comment]));
};

/** `DESCRIBE STORAGE CREDENTIAL c`: one row; never a secret (there is none to show). */
const describeCredential = async (ctx: RequestContext, _s: Session, stmt: DescribeStorageCredential): Promise<ResultSet> => {
  const c = await getStorageCredential({ ctx, name: qualify({}, stmt.name, 1) });
  return stringResult(
    ["name", "credential_type", "credential", "external_id", "owner", "created_by", "created_at", "comment"],
    [[c.name, "AWS_IAM_ROLE", c.aws_iam_role.role_arn, c.aws_iam_role.external_id, c.owner, c.created_by, sqlTime(c.created_at), c.comment]],
  );
};

export const storageCredentialHandlers: StatementHandlers = {
  CreateStorageCredential: createCredential,
  DropStorageCredential: dropCredential,
  ShowStorageCredentials: showCredentials,
  DescribeStorageCredential: describeCredential,
};
