import { bigint, index, jsonb, pgTable, text, uniqueIndex, uuid, type AnyPgColumn } from "drizzle-orm/pg-core";

/**
 * Every securable (metastore, catalog, schema, table, volume, function, external location,
 * storage credential, share, recipient ...) is a row here, whatever its type. The shared row
 * carries what authorization and the namespace need: the parent (hierarchy), the owner, the
 * dotted full name (unique per type, lowercase) and the storage location. Type-specific
 * fields live in side tables keyed by the same id.
 */
export const securables = pgTable(
  "securables",
  {
    id: uuid("id").primaryKey(),
    type: text("type").notNull(),
    parentId: uuid("parent_id").references((): AnyPgColumn => securables.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    fullName: text("full_name").notNull(),
    ownerId: uuid("owner_id").notNull(),
    comment: text("comment"),
    properties: jsonb("properties").$type<Record<string, string>>().notNull().default({}),
    storageRoot: text("storage_root"),
    storageLocation: text("storage_location"),
    createdAt: bigint("created_at", { mode: "number" }).notNull(),
    createdBy: text("created_by").notNull(),
    updatedAt: bigint("updated_at", { mode: "number" }),
    updatedBy: text("updated_by"),
  },
  (t) => [
    uniqueIndex("securables_type_full_name_key").on(t.type, t.fullName),
    index("securables_parent_name_idx").on(t.parentId, t.type, t.name),
    index("securables_owner_idx").on(t.ownerId),
    index("securables_storage_location_idx").on(t.storageLocation),
  ],
);
