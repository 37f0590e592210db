import { bigint, boolean, index, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";

/**
 * Users, groups and service principals share one table so that grants, ownership and group
 * membership can point at any of them with a single id (issue 2 §3, issue 3 §6).
 * `name` is what SQL and the permissions API use: a user's userName (email), a group's
 * displayName, a service principal's application id. It is unique across kinds, case-insensitively,
 * so `GRANT ... TO x` is never ambiguous.
 */
export const principals = pgTable(
  "principals",
  {
    id: uuid("id").primaryKey(),
    kind: text("kind", { enum: ["user", "group", "service_principal"] }).notNull(),
    name: text("name").notNull(),
    displayName: text("display_name"),
    externalId: text("external_id"),
    active: boolean("active").notNull().default(true),
    /** SCIM attributes we keep verbatim (emails, name, entitlements ...). */
    attributes: jsonb("attributes").$type<Record<string, unknown>>().notNull().default({}),
    /** Hash of an OAuth client secret (service principals only). */
    secretHash: text("secret_hash"),
    createdAt: bigint("created_at", { mode: "number" }).notNull(),
    updatedAt: bigint("updated_at", { mode: "number" }).notNull(),
  },
  (t) => [uniqueIndex("principals_name_key").on(sql`lower(${t.name})`), index("principals_external_id_idx").on(t.externalId)],
);

/** Direct memberships; nested groups are rows whose member is itself a group. */
export const groupMembers = pgTable(
  "group_members",
  {
    groupId: uuid("group_id").notNull().references(() => principals.id, { onDelete: "cascade" }),
    memberId: uuid("member_id").notNull().references(() => principals.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.memberId] }), index("group_members_member_idx").on(t.memberId)],
);

/** Personal access tokens: only a SHA-256 of the secret is stored (DESIGN §5). */
export const accessTokens = pgTable(
  "access_tokens",
  {
    id: uuid("id").primaryKey(),
    principalId: uuid("principal_id").notNull().references(() => principals.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull(),
    comment: text("comment"),
    createdAt: bigint("created_at", { mode: "number" }).notNull(),
    expiresAt: bigint("expires_at", { mode: "number" }),
    lastUsedAt: bigint("last_used_at", { mode: "number" }),
  },
  (t) => [uniqueIndex("access_tokens_hash_key").on(t.tokenHash), index("access_tokens_principal_idx").on(t.principalId)],
);
