import type { RequestContext } from "../../context";
import { LakewardError } from "../../errors";
import {
  createExternalLocation, deleteExternalLocation, getExternalLocation, listExternalLocations, updateExternalLocation,
} from "../../catalog/external-locations";
import { updateStorageCredential } from "../../catalog/storage-credentials";
import type {
  AlterExternalLocationSetCredential, AlterExternalLocationSetUrl, AlterRename, CreateExternalLocation, DescribeExternalLocation,
  DropExternalLocation,
} from "../ast";
import { EMPTY_RESULT, stringResult, type ResultSet } from "./result";
import { qualify, type Session } from "./session";
import type { StatementHandlers } from "./registry";
import { ifExists } from "./namespace";
import { sqlTime } from "./storage-credentials";
import { allPages } from "./namespace";

const name1 = (stmt: { name: Parameters<typeof qualify>[1] }) => qualify({}, stmt.name, 1);

/** `CREATE EXTERNAL LOCATION [IF NOT EXISTS] l URL 'u' WITH (STORAGE CREDENTIAL c) [COMMENT 'x']`. */
const createLocation = async (ctx: RequestContext, _s: Session, stmt: CreateExternalLocation): Promise<ResultSet> => {
  const input = { name: name1(stmt), url: stmt.url, credential_name: qualify({}, stmt.credential, 1), comment: stmt.comment };
  try {
    await createExternalLocation({ ctx, input });
  } catch (err) {
    if (!(stmt.ifNotExists && err instanceof LakewardError && err.code === "EXTERNAL_LOCATION_ALREADY_EXISTS")) throw err;
  }
  return EMPTY_RESULT;
};

/** `ALTER EXTERNAL LOCATION l SET URL 'u' [FORCE]`. */
const setUrl = async (ctx: RequestContext, _s: Session, stmt: AlterExternalLocationSetUrl): Promise<ResultSet> => {
  await updateExternalLocation({ ctx, name: name1(stmt), input: { url: stmt.url, force: stmt.force } });
  return EMPTY_RESULT;
};

/** `ALTER EXTERNAL LOCATION l SET STORAGE CREDENTIAL c`. */
const setCredential = async (ctx: RequestContext, _s: Session, stmt: AlterExternalLocationSetCredential): Promise<ResultSet> => {
  await updateExternalLocation({ ctx, name: name1(stmt), input: { credentialName: qualify({}, stmt.credential, 1) } });
  return EMPTY_RESULT;
};

/** `DROP EXTERNAL LOCATION [IF EXISTS] l [FORCE]`. */
const dropLocation = async (ctx: RequestContext, _s: Session, stmt: DropExternalLocation): Promise<ResultSet> => {
  await ifExists(stmt.ifExists, () => deleteExternalLocation({ ctx, name: name1(stmt), force: stmt.force }));
  return EMPTY_RESULT;
};

/** `SHOW EXTERNAL LOCATIONS`: name, url and comment of each location the caller may see. */
const showLocations = async (ctx: RequestContext): Promise<ResultSet> => {
  const rows = await allPages((pageToken) => listExternalLocations({ ctx, input: { pageToken } }));
  return stringResult(["name", "url", "comment"], rows.map((l) => [l.name, l.url, l.comment]));
};

/** `DESCRIBE EXTERNAL LOCATION l`, with Databricks' columns. */
const describeLocation = async (ctx: RequestContext, _s: Session, stmt: DescribeExternalLocation): Promise<ResultSet> => {
  const l = await getExternalLocation({ ctx, name: name1(stmt) });
  return stringResult(
    ["name", "url", "credential_name", "owner", "created_by", "created_at", "comment"],
    [[l.name, l.url, l.credential_name, l.owner, l.created_by, sqlTime(l.created_at), l.comment]],
  );
};

/**
 * `ALTER {EXTERNAL LOCATION | STORAGE CREDENTIAL} x RENAME TO y`. Renames of other securable
 * types belong to their own modules; until one registers, they are reported as unsupported.
 */
const rename = async (ctx: RequestContext, _s: Session, stmt: AlterRename): Promise<ResultSet> => {
  const name = qualify({}, stmt.securable.name, 1);
  const newName = qualify({}, stmt.newName, 1);
  if (stmt.securable.type === "external_location") await updateExternalLocation({ ctx, name, input: { newName } });
  else if (stmt.securable.type === "storage_credential") await updateStorageCredential({ ctx, name, input: { newName } });
  else throw new LakewardError("UNIMPLEMENTED", `ALTER ${stmt.securable.type.replace(/_/g, " ").toUpperCase()} ... RENAME TO is not supported by this server.`);
  return EMPTY_RESULT;
};

export const externalLocationHandlers: StatementHandlers = {
  CreateExternalLocation: createLocation,
  AlterExternalLocationSetUrl: setUrl,
  AlterExternalLocationSetCredential: setCredential,
  DropExternalLocation: dropLocation,
  ShowExternalLocations: showLocations,
  DescribeExternalLocation: describeLocation,
  AlterRename: rename,
};
