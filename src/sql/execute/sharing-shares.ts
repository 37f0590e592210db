import type { RequestContext } from "../../context";
import { LakewardError } from "../../errors";
import { createShare, deleteShare, getShare, listShares, updateShare } from "../../sharing/shares/shares";
import type { DataObjectInput } from "../../sharing/shares/plan-objects";
import { formatPartitions, partitionsFromSql } from "../../sharing/shares/partitions";
import type {
  AlterShareAddSchema, AlterShareAddTable, AlterShareAddView, AlterShareRemoveSchema, AlterShareRemoveTable,
  AlterShareRemoveView, CreateShare, DescribeShare, DropShare, QualifiedName, ShowAllInShare, ShowShares,
} from "../ast";
import { normalizeName } from "../names";
import { ifExists } from "./namespace";
import { EMPTY_RESULT, stringResult, type ResultSet } from "./result";
import { qualify, type Session } from "./session";
import type { StatementHandlers } from "./registry";

/** Delta Sharing statements on shares (uc-semantics §5; docs/sharing.md). */
const shareName = (name: QualifiedName) => qualify({}, name, 1);
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

const createShareStmt = async (ctx: RequestContext, _s: Session, stmt: CreateShare): Promise<ResultSet> => {
  try {
    await createShare({ ctx, input: { name: shareName(stmt.name), comment: stmt.comment } });
  } catch (err) {
    if (!(stmt.ifNotExists && err instanceof LakewardError && /ALREADY_EXISTS$/.test(err.code))) throw err;
  }
  return EMPTY_RESULT;
};

const dropShareStmt = async (ctx: RequestContext, _s: Session, stmt: DropShare): Promise<ResultSet> => {
  await ifExists(stmt.ifExists, () => deleteShare({ ctx, name: shareName(stmt.name) }));
  return EMPTY_RESULT;
};

/** `AS alias`: two parts as written, or one part kept in the source's schema. */
function aliasOf(alias: QualifiedName | undefined, sourceFullName: string): string | undefined {
  if (!alias) return undefined;
  const parts = normalizeName(alias);
  return parts.length === 1 ? `${sourceFullName.split(".")[1]}.${parts[0]}` : parts.join(".");
}

async function addObject(ctx: RequestContext, share: QualifiedName, object: DataObjectInput): Promise<ResultSet> {
  await updateShare({ ctx, name: shareName(share), input: { updates: [{ action: "ADD", data_object: object }] } });
  return EMPTY_RESULT;
}

const addTable = (ctx: RequestContext, session: Session, stmt: AlterShareAddTable) => {
  const name = qualify(session, stmt.table, 3);
  return addObject(ctx, stmt.share, {
    name,
    data_object_type: "TABLE",
    shared_as: aliasOf(stmt.alias, name),
    comment: stmt.comment,
    partitions: partitionsFromSql(stmt.partitions),
    history_data_sharing_status: stmt.history === undefined ? undefined : stmt.history ? "ENABLED" : "DISABLED",
  });
};

const addView = (ctx: RequestContext, session: Session, stmt: AlterShareAddView) => {
  const name = qualify(session, stmt.view, 3);
  return addObject(ctx, stmt.share, { name, data_object_type: "VIEW", shared_as: aliasOf(stmt.alias, name), comment: stmt.comment });
};

const addSchema = (ctx: RequestContext, session: Session, stmt: AlterShareAddSchema) =>
  addObject(ctx, stmt.share, { name: qualify(session, stmt.schema, 2), data_object_type: "SCHEMA", comment: stmt.comment });

/** REMOVE takes the source's name or the name the share gives it (its alias). */
async function removeObject(ctx: RequestContext, session: Session, share: QualifiedName, name: QualifiedName, parts: 2 | 3): Promise<ResultSet> {
  const info = await getShare({ ctx, name: shareName(share), includeSharedData: true });
  const written = normalizeName(name).join(".");
  const target = info.objects?.some((o) => o.shared_as === written) ? written : qualify(session, name, parts);
  await updateShare({ ctx, name: info.name, input: { updates: [{ action: "REMOVE", data_object: { name: target } }] } });
  return EMPTY_RESULT;
}

const showShares = async (ctx: RequestContext, _s: Session, _stmt: ShowShares): Promise<ResultSet> => {
  const rows: (string | null)[][] = [];
  let pageToken: string | undefined;
  do {
    const page = await listShares({ ctx, input: { pageToken } });
    rows.push(...page.items.map((s) => [s.name, iso(s.created_at), s.created_by, s.comment]));
    pageToken = page.nextPageToken ?? undefined;
  } while (pageToken);
  return stringResult(["name", "created_at", "created_by", "comment"], rows);
};

const showAllInShare = async (ctx: RequestContext, _s: Session, stmt: ShowAllInShare): Promise<ResultSet> => {
  const info = await getShare({ ctx, name: shareName(stmt.share), includeSharedData: true });
  return stringResult(
    ["name", "type", "shared_object", "added_at", "added_by", "comment", "partitions", "history_sharing"],
    (info.objects ?? []).map((o) => [o.shared_as, o.data_object_type, o.name, iso(o.added_at), o.added_by, o.comment ?? null, formatPartitions(o.partitions ?? null), o.history_data_sharing_status]),
  );
};

const describeShare = async (ctx: RequestContext, _s: Session, stmt: DescribeShare): Promise<ResultSet> => {
  const s = await getShare({ ctx, name: shareName(stmt.name) });
  return stringResult(["name", "created_at", "created_by", "comment", "owner"], [[s.name, iso(s.created_at), s.created_by, s.comment, s.owner]]);
};

export const shareHandlers: StatementHandlers = {
  CreateShare: createShareStmt,
  DropShare: dropShareStmt,
  AlterShareAddTable: addTable,
  AlterShareAddView: addView,
  AlterShareAddSchema: addSchema,
  AlterShareRemoveTable: (ctx, session, stmt: AlterShareRemoveTable) => removeObject(ctx, session, stmt.share, stmt.table, 3),
  AlterShareRemoveView: (ctx, session, stmt: AlterShareRemoveView) => removeObject(ctx, session, stmt.share, stmt.view, 3),
  AlterShareRemoveSchema: (ctx, session, stmt: AlterShareRemoveSchema) => removeObject(ctx, session, stmt.share, stmt.schema, 2),
  ShowShares: showShares,
  ShowAllInShare: showAllInShare,
  DescribeShare: describeShare,
};
