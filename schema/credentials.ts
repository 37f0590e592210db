import { index, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { securables } from "./securables";

/**
 * Storage credentials (securable type `credential`, uc-oss §2.10). Lakeward holds no long-term
 * secret per credential: its own AWS identity assumes `aws_role_arn`, proving itself with
 * `external_id` (generated here, shown to admins for the role's trust policy).
 */
export const storageCredentialDetails = pgTable("storage_credential_details", {
  securableId: uuid("securable_id").primaryKey().references(() => securables.id, { onDelete: "cascade" }),
  purpose: text("purpose").notNull().default("STORAGE"),
  awsRoleArn: text("aws_role_arn").notNull(),
  externalId: text("external_id").notNull(),
});

/**
 * External locations (securable type `external_location`). The URL is the securable's
 * `storage_location`, so coverage and overlap checks use that column's index. The credential
 * may be dropped with `force`, leaving the location without one (vending then refuses).
 */
export const externalLocationDetails = pgTable(
  "external_location_details",
  {
    securableId: uuid("securable_id").primaryKey().references(() => securables.id, { onDelete: "cascade" }),
    credentialId: uuid("credential_id").references(() => securables.id, { onDelete: "set null" }),
  },
  (t) => [index("external_location_details_credential_idx").on(t.credentialId)],
);
