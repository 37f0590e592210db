import type { RequestContext } from "../context";
import { findSecurableById } from "./rows";

/** GET /metastore_summary: any authenticated principal may call it (uc-oss §2.9). */
export async function metastoreSummary({ ctx }: { ctx: RequestContext }) {
  const row = (await findSecurableById(ctx.services.db, ctx.services.metastoreId))!;
  return { metastore_id: row.id, name: row.name, storage_root: row.storageRoot, owner: row.ownerName, created_at: row.createdAt };
}
