import { and, asc, eq } from "drizzle-orm";
import type { Db } from "../../db/types";
import { securables, shareObjects, type StoredPartitionSpec } from "../../../schema/index";

export type DataObjectType = "TABLE" | "SCHEMA" | "VIEW";

/** A share's data object as stored, with its source's current full name. */
export interface ShareObjectRow {
  id: string;
  shareId: string;
  objectType: DataObjectType;
  sourceId: string;
  sourceFullName: string;
  sharedAs: string;
  comment: string | null;
  partitions: StoredPartitionSpec[] | null;
  historyShared: boolean;
  addedAt: number;
  addedBy: string;
}

/** SharedDataObject in Databricks' shape. */
export interface SharedDataObject {
  name: string;
  data_object_type: DataObjectType;
  shared_as: string;
  comment?: string;
  partitions?: StoredPartitionSpec[];
  history_data_sharing_status: "ENABLED" | "DISABLED";
  /** Deprecated twin of history sharing that older clients still read. */
  cdf_enabled: boolean;
  added_at: number;
  added_by: string;
  status: "ACTIVE";
}

/** The data objects of a share, ordered by the name recipients see. */
export async function listShareObjects(db: Db, shareId: string): Promise<ShareObjectRow[]> {
  const rows = await db
    .select({
      id: shareObjects.id,
      shareId: shareObjects.shareId,
      objectType: shareObjects.objectType,
      sourceId: shareObjects.sourceId,
      sourceFullName: securables.fullName,
      sharedAs: shareObjects.sharedAs,
      comment: shareObjects.comment,
      partitions: shareObjects.partitions,
      historyShared: shareObjects.historyShared,
      addedAt: shareObjects.addedAt,
      addedBy: shareObjects.addedBy,
    })
    .from(shareObjects)
    .innerJoin(securables, eq(securables.id, shareObjects.sourceId))
    .where(eq(shareObjects.shareId, shareId))
    .orderBy(asc(shareObjects.sharedAs));
  return rows as ShareObjectRow[];
}

/** Maps a stored object to the REST shape. */
export function toSharedDataObject(row: ShareObjectRow): SharedDataObject {
  return {
    name: row.sourceFullName,
    data_object_type: row.objectType,
    shared_as: row.sharedAs,
    ...(row.comment ? { comment: row.comment } : {}),
    ...(row.partitions && row.partitions.length > 0 ? { partitions: row.partitions } : {}),
    history_data_sharing_status: row.historyShared ? "ENABLED" : "DISABLED",
    cdf_enabled: row.historyShared,
    added_at: row.addedAt,
    added_by: row.addedBy,
    status: "ACTIVE",
  };
}

/** A new or changed object, planned before the transaction and written inside it. */
export type ObjectChange =
  | { action: "ADD"; row: Omit<ShareObjectRow, "sourceFullName"> }
  | { action: "REMOVE"; id: string }
  | { action: "UPDATE"; id: string; set: Partial<Pick<ShareObjectRow, "sharedAs" | "comment" | "partitions" | "historyShared">> };

/** Writes planned changes in the caller's transaction. */
export async function applyObjectChanges(tx: Db, changes: readonly ObjectChange[]): Promise<void> {
  for (const change of changes) {
    if (change.action === "ADD") await tx.insert(shareObjects).values(change.row);
    else if (change.action === "REMOVE") await tx.delete(shareObjects).where(eq(shareObjects.id, change.id));
    else await tx.update(shareObjects).set(change.set).where(and(eq(shareObjects.id, change.id)));
  }
}
