import type { Db } from "../../db/types";
import type { SecurableRow } from "../../catalog/rows";
import { listShareObjects, toSharedDataObject, type SharedDataObject } from "./objects";

/** ShareInfo in Databricks' shape (`/api/2.1/unity-catalog/shares`). */
export interface ShareInfo {
  name: string;
  id: string;
  owner: string;
  comment: string | null;
  created_at: number;
  created_by: string;
  updated_at: number | null;
  updated_by: string | null;
  /** Present on get with `include_shared_data=true` and on update answers. */
  objects?: SharedDataObject[];
}

/** Maps share rows; `withObjects` loads each share's data objects. */
export function shareInfos(withObjects: boolean) {
  return async (db: Db, rows: SecurableRow[]): Promise<ShareInfo[]> =>
    Promise.all(
      rows.map(async (row) => {
        const info: ShareInfo = {
          name: row.name,
          id: row.id,
          owner: row.ownerName,
          comment: row.comment,
          created_at: row.createdAt,
          created_by: row.createdBy,
          updated_at: row.updatedAt,
          updated_by: row.updatedBy,
        };
        if (withObjects) info.objects = (await listShareObjects(db, row.id)).map(toSharedDataObject);
        return info;
      }),
    );
}
