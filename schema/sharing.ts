import { bigint, boolean, index, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { securables } from "./securables";

/** One condition of a shared partition (Databricks' PartitionValue). */
export interface StoredPartitionValue {
  name: string;
  op: "EQUAL" | "LIKE";
  /** Literal as text; absent for `= NULL` and for recipient properties. */
  value?: string | null;
  /** `CURRENT_RECIPIENT('key')`: the value comes from the recipient's properties. */
  recipient_property_key?: string | null;
}

/** `(a = 1, b = 'x')`: values AND-ed; a list of specs is OR-ed (uc-semantics §5). */
export interface StoredPartitionSpec {
  values: StoredPartitionValue[];
}

/**
 * What a share holds (issue 8 §1): tables, views and whole schemas, each under the name
 * recipients see (`shared_as`: `schema.table`, or `schema` for a schema). The source is a
 * securable id, so renames follow and a dropped source leaves the share with it.
 */
export const shareObjects = pgTable(
  "share_objects",
  {
    id: uuid("id").primaryKey(),
    shareId: uuid("share_id").notNull().references(() => securables.id, { onDelete: "cascade" }),
    objectType: text("object_type", { enum: ["TABLE", "SCHEMA", "VIEW"] }).notNull(),
    sourceId: uuid("source_id").notNull().references(() => securables.id, { onDelete: "cascade" }),
    sharedAs: text("shared_as").notNull(),
    comment: text("comment"),
    partitions: jsonb("partitions").$type<StoredPartitionSpec[]>(),
    historyShared: boolean("history_shared").notNull().default(false),
    addedAt: bigint("added_at", { mode: "number" }).notNull(),
    addedBy: text("added_by").notNull(),
  },
  (t) => [
    uniqueIndex("share_objects_shared_as_key").on(t.shareId, t.sharedAs),
    uniqueIndex("share_objects_source_key").on(t.shareId, t.sourceId),
    index("share_objects_source_idx").on(t.sourceId),
  ],
);

/**
 * `GRANT SELECT ON SHARE s TO RECIPIENT r`. Recipients are not principals, so these grants
 * live here rather than in `grants` (uc-semantics §2: SELECT on a share goes to recipients).
 */
export const shareRecipientGrants = pgTable(
  "share_recipient_grants",
  {
    shareId: uuid("share_id").notNull().references(() => securables.id, { onDelete: "cascade" }),
    recipientId: uuid("recipient_id").notNull().references(() => securables.id, { onDelete: "cascade" }),
    privilege: text("privilege").notNull().default("SELECT"),
    createdAt: bigint("created_at", { mode: "number" }).notNull(),
    createdBy: text("created_by").notNull(),
  },
  (t) => [primaryKey({ columns: [t.shareId, t.recipientId] }), index("share_recipient_grants_recipient_idx").on(t.recipientId)],
);

/** Recipient-specific fields; properties live on the securable row. */
export const recipientDetails = pgTable("recipient_details", {
  securableId: uuid("securable_id").primaryKey().references(() => securables.id, { onDelete: "cascade" }),
  authenticationType: text("authentication_type", { enum: ["TOKEN", "DATABRICKS"] }).notNull(),
  /** Databricks-to-Databricks sharing identifier (`USING ID`). */
  sharingId: text("sharing_id"),
  /** Allowed client addresses in CIDR form; null means any address. */
  ipAccessList: jsonb("ip_access_list").$type<string[] | null>(),
});

/**
 * Bearer tokens of open-sharing recipients. Neither the token nor the one-time activation code
 * is stored: only their SHA-256. The token is minted when the activation link is used, so
 * `token_hash` is null until then and `activation_hash` is null afterwards.
 */
export const recipientTokens = pgTable(
  "recipient_tokens",
  {
    id: uuid("id").primaryKey(),
    recipientId: uuid("recipient_id").notNull().references(() => securables.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash"),
    activationHash: text("activation_hash"),
    createdAt: bigint("created_at", { mode: "number" }).notNull(),
    createdBy: text("created_by").notNull(),
    updatedAt: bigint("updated_at", { mode: "number" }).notNull(),
    updatedBy: text("updated_by").notNull(),
    /** Null: never expires. Rotation shortens the old token's expiry (the grace period). */
    expiresAt: bigint("expires_at", { mode: "number" }),
    retrievedAt: bigint("retrieved_at", { mode: "number" }),
  },
  (t) => [
    uniqueIndex("recipient_tokens_token_key").on(t.tokenHash),
    uniqueIndex("recipient_tokens_activation_key").on(t.activationHash),
    index("recipient_tokens_recipient_idx").on(t.recipientId),
  ],
);

/** Server keys of the sharing endpoint (HMAC for signed file URLs and page tokens). */
export const sharingKeys = pgTable("sharing_keys", {
  id: text("id").primaryKey(),
  secret: text("secret").notNull(),
  createdAt: bigint("created_at", { mode: "number" }).notNull(),
});
