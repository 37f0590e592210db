import type { RequestContext } from "../../context";
import { LakewardError } from "../../errors";
import { createCatalog, deleteCatalog, listCatalogs, updateCatalog } from "../../catalog/catalogs";
import { createSchema, deleteSchema, listSchemas, updateSchema } from "../../catalog/schemas";
import { listTables, updateTable } from "../../catalog/tables";
import { updateVolume } from "../../catalog/volumes";
import { resolveVisible } from "../../catalog/securable-verbs";
import { CATALOG, SCHEMA } from "../../catalog/kinds";
import type { Page } from "../../catalog/paging";
import type { CommentOn, CreateCatalog, CreateSchema, DropCatalog, DropSchema, ShowCatalogs, ShowSchemas, ShowTables, UseCatalog, UseSchema } from "../ast";
import { EMPTY_RESULT, likePattern, stringResult, type ResultSet } from "./result";
import { qualify, type Session } from "./session";
import type { StatementHandlers } from "./registry";

/** Runs `work`, treating "already exists" as success (IF NOT EXISTS). */
async function unlessExists(ifNotExists: boolean, work: () => Promise<unknown>): Promise<void> {
  try {
    await work();
  } catch (err) {
    if (!(ifNotExists && err instanceof LakewardError && /ALREADY_EXISTS$/.test(err.code))) throw err;
  }
}

/** Runs `work`, treating "not found" as success (IF EXISTS; hidden securables look missing). */
export async function ifExists(ifExists: boolean, work: () => Promise<unknown>): Promise<void> {
  try {
    await work();
  } catch (err) {
    if (!(ifExists && err instanceof LakewardError && /NOT_FOUND$/.test(err.code))) throw err;
  }
}

/** Collects every page of a list verb (SHOW lists everything the caller may see). */
export async function allPages<T>(list: (pageToken?: string) => Promise<Page<T>>): Promise<T[]> {
  const out: T[] = [];
  let token: string | undefined;
  do {
    const page = await list(token);
    out.push(...page.items);
    token = page.nextPageToken ?? undefined;
  } while (token);
  return out;
}

const createCatalogStmt = async (ctx: RequestContext, _s: Session, stmt: CreateCatalog): Promise<ResultSet> => {
  await unlessExists(stmt.ifNotExists, () =>
    createCatalog({ ctx, input: { name: qualify({}, stmt.name, 1), comment: stmt.comment, storage_root: stmt.managedLocation } }),
  );
  return EMPTY_RESULT;
};

const createSchemaStmt = async (ctx: RequestContext, session: Session, stmt: CreateSchema): Promise<ResultSet> => {
  const [catalog, name] = qualify(session, stmt.name, 2).split(".");
  const properties = stmt.properties ? Object.fromEntries(stmt.properties.map((p) => [p.key, p.value])) : undefined;
  await unlessExists(stmt.ifNotExists, () =>
    createSchema({ ctx, input: { name: name!, catalog_name: catalog!, comment: stmt.comment, properties, storage_root: stmt.managedLocation } }),
  );
  return EMPTY_RESULT;
};

const dropCatalogStmt = async (ctx: RequestContext, _s: Session, stmt: DropCatalog): Promise<ResultSet> => {
  await ifExists(stmt.ifExists, () => deleteCatalog({ ctx, name: qualify({}, stmt.name, 1), force: stmt.behavior === "cascade" }));
  return EMPTY_RESULT;
};

const dropSchemaStmt = async (ctx: RequestContext, session: Session, stmt: DropSchema): Promise<ResultSet> => {
  await ifExists(stmt.ifExists, () => deleteSchema({ ctx, fullName: qualify(session, stmt.name, 2), force: stmt.behavior === "cascade" }));
  return EMPTY_RESULT;
};

const useCatalog = async (ctx: RequestContext, session: Session, stmt: UseCatalog): Promise<ResultSet> => {
  const catalog = await resolveVisible(ctx, CATALOG, qualify({}, stmt.name, 1), "catalog");
  session.catalog = catalog.name;
  session.schema = undefined;
  return EMPTY_RESULT;
};

const useSchema = async (ctx: RequestContext, session: Session, stmt: UseSchema): Promise<ResultSet> => {
  const schema = await resolveVisible(ctx, SCHEMA, qualify(session, stmt.name, 2), "schema");
  [session.catalog, session.schema] = schema.fullName.split(".");
  return EMPTY_RESULT;
};

const commentOn = async (ctx: RequestContext, session: Session, stmt: CommentOn): Promise<ResultSet> => {
  const input = { comment: stmt.comment };
  switch (stmt.target) {
    case "catalog":
      await updateCatalog({ ctx, name: qualify(session, stmt.name, 1), input });
      break;
    case "schema":
      await updateSchema({ ctx, fullName: qualify(session, stmt.name, 2), input });
      break;
    case "table":
      await updateTable({ ctx, fullName: qualify(session, stmt.name, 3), input });
      break;
    case "volume":
      await updateVolume({ ctx, fullName: qualify(session, stmt.name, 3), input });
      break;
    default:
      throw new LakewardError("UNIMPLEMENTED", `COMMENT ON ${stmt.target.toUpperCase()} is not supported yet.`);
  }
  return EMPTY_RESULT;
};

const showCatalogs = async (ctx: RequestContext, _s: Session, stmt: ShowCatalogs): Promise<ResultSet> => {
  const match = likePattern(stmt.pattern);
  const catalogs = await allPages((pageToken) => listCatalogs({ ctx, input: { pageToken } }));
  return stringResult(["catalog"], catalogs.filter((c) => match(c.name)).map((c) => [c.name]));
};

const showSchemas = async (ctx: RequestContext, session: Session, stmt: ShowSchemas): Promise<ResultSet> => {
  const catalogName = stmt.in ? qualify({}, stmt.in, 1) : requireCurrent(session.catalog, "catalog");
  const match = likePattern(stmt.pattern);
  const schemas = await allPages((pageToken) => listSchemas({ ctx, catalogName, input: { pageToken } }));
  return stringResult(["databaseName"], schemas.filter((s) => match(s.name)).map((s) => [s.name]));
};

const showTables = async (ctx: RequestContext, session: Session, stmt: ShowTables): Promise<ResultSet> => {
  const schemaFullName = stmt.in ? qualify(session, stmt.in, 2) : `${requireCurrent(session.catalog, "catalog")}.${requireCurrent(session.schema, "schema")}`;
  const [catalogName, schemaName] = schemaFullName.split(".") as [string, string];
  const match = likePattern(stmt.pattern);
  const tables = await allPages((pageToken) => listTables({ ctx, catalogName, schemaName, input: { pageToken } }));
  return stringResult(["database", "tableName", "isTemporary"], tables.filter((t) => match(t.name)).map((t) => [schemaName, t.name, "false"]));
};

function requireCurrent(value: string | undefined, what: string): string {
  if (!value) throw new LakewardError("INVALID_ARGUMENT", `No current ${what}: name one (IN ...) or USE ${what.toUpperCase()} first.`);
  return value;
}

export const namespaceHandlers: StatementHandlers = {
  CreateCatalog: createCatalogStmt,
  CreateSchema: createSchemaStmt,
  DropCatalog: dropCatalogStmt,
  DropSchema: dropSchemaStmt,
  UseCatalog: useCatalog,
  UseSchema: useSchema,
  CommentOn: commentOn,
  ShowCatalogs: showCatalogs,
  ShowSchemas: showSchemas,
  ShowTables: showTables,
};
