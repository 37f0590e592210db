import type { RequestContext } from "../context";
import type { SecurableRow } from "./rows";
import { findSecurableById } from "./rows";

/**
 * Where a managed table or volume lives: under its schema's managed location if it has one,
 * else its catalog's (issue 2 §5, uc-oss §2.3: `<parent storage_location>/tables/<id>`).
 */
export async function managedLocation(ctx: RequestContext, schema: SecurableRow, kind: "tables" | "volumes", id: string): Promise<string> {
  if (schema.storageLocation) return `${schema.storageLocation}/${kind}/${id}`;
  const catalog = await findSecurableById(ctx.services.db, schema.parentId!);
  return `${catalog!.storageLocation}/${kind}/${id}`;
}
