import { and, eq, inArray, or } from "drizzle-orm";
import type { Db } from "../../db/types";
import { securables, tableDetails, type StoredPartitionSpec } from "../../../schema/index";
import type { SecurableNode } from "../../authz/securables";
import type { TableDetailRow } from "../../catalog/table-info";
import { listShareObjects } from "../shares/objects";

/** A table (or view) as a recipient sees it in a share, with what serving it needs. */
export interface SharedTable {
  shareId: string;
  /** The data object that shares it (a TABLE/VIEW object, or the SCHEMA object containing it). */
  objectId: string;
  schema: string;
  name: string;
  type: "TABLE" | "VIEW";
  /** Whether it came in through a shared schema rather than by name. */
  viaSchema: boolean;
  historyShared: boolean;
  partitions: StoredPartitionSpec[] | null;
  node: SecurableNode;
  location: string | null;
  detail: TableDetailRow;
}

/**
 * Every table of a share under the names recipients see, sorted by schema then name. A shared
 * schema contributes the tables it holds now (later ones too: Databricks' ADD SCHEMA), except
 * those that could not be shared by name either: non-Delta tables and tables with row
 * filters or column masks.
 */
export async function sharedTablesOf(db: Db, shareId: string): Promise<SharedTable[]> {
  const objects = await listShareObjects(db, shareId);
  if (objects.length === 0) return [];
  const direct = objects.filter((o) => o.objectType !== "SCHEMA");
  const schemas = objects.filter((o) => o.objectType === "SCHEMA");
  const rows = await db
    .select({ s: securables, d: tableDetails })
    .from(securables)
    .innerJoin(tableDetails, eq(tableDetails.securableId, securables.id))
    .where(
      or(
        direct.length ? inArray(securables.id, direct.map((o) => o.sourceId)) : undefined,
        schemas.length ? and(eq(securables.type, "table"), inArray(securables.parentId, schemas.map((o) => o.sourceId))) : undefined,
      ),
    );
  const byId = new Map(rows.map((r) => [r.s.id, r]));
  const out: SharedTable[] = [];
  for (const o of direct) {
    const r = byId.get(o.sourceId);
    if (!r) continue;
    const [schema, name] = o.sharedAs.split(".") as [string, string];
    out.push(entry(shareId, o.id, schema, name, o.objectType as "TABLE" | "VIEW", false, o.historyShared, o.partitions, r));
  }
  for (const o of schemas) {
    for (const r of rows.filter((x) => x.s.parentId === o.sourceId)) {
      const isView = r.d.tableType === "VIEW";
      const masked = r.d.rowFilter || r.d.columns.some((c) => c.mask);
      if (masked || (!isView && (r.d.dataSourceFormat ?? "").toUpperCase() !== "DELTA")) continue;
      out.push(entry(shareId, o.id, o.sharedAs, r.s.name, isView ? "VIEW" : "TABLE", true, !isView && o.historyShared, null, r));
    }
  }
  return out.sort((a, b) => (a.schema === b.schema ? cmp(a.name, b.name) : cmp(a.schema, b.schema)));
}

function entry(
  shareId: string, objectId: string, schema: string, name: string, type: "TABLE" | "VIEW", viaSchema: boolean, historyShared: boolean,
  partitions: StoredPartitionSpec[] | null, r: { s: typeof securables.$inferSelect; d: TableDetailRow },
): SharedTable {
  const node: SecurableNode = { id: r.s.id, type: "table", parentId: r.s.parentId, ownerId: r.s.ownerId, fullName: r.s.fullName };
  return { shareId, objectId, schema, name, type, viaSchema, historyShared, partitions, node, location: r.s.storageLocation, detail: r.d };
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
