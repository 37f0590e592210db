import { inArray } from "drizzle-orm";
import type { Db } from "../../db/types";
import type { Clock } from "../../clock";
import { recipientDetails } from "../../../schema/index";
import type { SecurableRow } from "../../catalog/rows";
import { liveTokens, type TokenRow } from "./token-rows";

/** RecipientTokenInfo (Databricks); `activation_url` only in the answer that created it. */
export interface RecipientTokenInfo {
  id: string;
  created_at: number;
  created_by: string;
  updated_at: number;
  updated_by: string;
  expiration_time: number | null;
  activation_url?: string;
}

/** RecipientInfo in Databricks' shape (`/api/2.1/unity-catalog/recipients`). */
export interface RecipientInfo {
  name: string;
  id: string;
  metastore_id: string;
  owner: string;
  comment: string | null;
  authentication_type: "TOKEN" | "DATABRICKS";
  data_recipient_global_metastore_id?: string;
  /** Whether a credential file has been downloaded. */
  activated: boolean;
  /**
   * The one-time activation link. Codes are stored hashed, so the link is returned only by the
   * create and rotate-token answers (Databricks shows it until used).
   */
  activation_url?: string;
  ip_access_list?: { allowed_ip_addresses: string[] };
  properties_kvpairs: { properties: Record<string, string> };
  tokens: RecipientTokenInfo[];
  created_at: number;
  created_by: string;
  updated_at: number | null;
  updated_by: string | null;
}

const tokenInfo = (t: TokenRow): RecipientTokenInfo => ({
  id: t.id,
  created_at: t.createdAt,
  created_by: t.createdBy,
  updated_at: t.updatedAt,
  updated_by: t.updatedBy,
  expiration_time: t.expiresAt,
});

/** Maps recipient rows, loading details and live tokens. */
export function recipientInfos(clock: Clock) {
  return async (db: Db, rows: SecurableRow[]): Promise<RecipientInfo[]> => {
    const ids = rows.map((r) => r.id);
    const details = ids.length === 0 ? [] : await db.select().from(recipientDetails).where(inArray(recipientDetails.securableId, ids));
    const byId = new Map(details.map((d) => [d.securableId, d]));
    return Promise.all(
      rows.map(async (row) => {
        const d = byId.get(row.id);
        const tokens = await liveTokens(db, row.id, clock.now());
        const info: RecipientInfo = {
          name: row.name,
          id: row.id,
          metastore_id: row.parentId!,
          owner: row.ownerName,
          comment: row.comment,
          authentication_type: d?.authenticationType ?? "TOKEN",
          activated: tokens.some((t) => t.retrievedAt !== null),
          properties_kvpairs: { properties: row.properties },
          tokens: tokens.map(tokenInfo),
          created_at: row.createdAt,
          created_by: row.createdBy,
          updated_at: row.updatedAt,
          updated_by: row.updatedBy,
        };
        if (d?.sharingId) info.data_recipient_global_metastore_id = d.sharingId;
        if (d?.ipAccessList) info.ip_access_list = { allowed_ip_addresses: d.ipAccessList };
        return info;
      }),
    );
  };
}
