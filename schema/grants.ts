import { bigint, bigserial, index, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { securables } from "./securables";

/** One row per (securable, principal, privilege). Written in the caller's transaction (DESIGN §4). */
export const grants = pgTable(
  "grants",
  {
    securableId: uuid("securable_id").notNull().references(() => securables.id, { onDelete: "cascade" }),
    principalId: uuid("principal_id").notNull(),
    privilege: text("privilege").notNull(),
    createdAt: bigint("created_at", { mode: "number" }).notNull(),
    createdBy: text("created_by").notNull(),
  },
  (t) => [primaryKey({ columns: [t.securableId, t.principalId, t.privilege] }), index("grants_principal_idx").on(t.principalId)],
);

/**
 * Change feed for authorization caches. Any transaction that changes grants, ownership,
 * hierarchy or group membership appends a row; every replica reads rows past its cursor and
 * drops exactly what changed (DESIGN §4, issue 4 §7: a revoke on one replica holds on all
 * within a second).
 */
export const authzChanges = pgTable("authz_changes", {
  seq: bigserial("seq", { mode: "number" }).primaryKey(),
  securableId: uuid("securable_id"),
  principalId: uuid("principal_id"),
  at: bigint("at", { mode: "number" }).notNull(),
});
