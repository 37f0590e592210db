CREATE TABLE "column_lineage" (
	"record_id" uuid PRIMARY KEY NOT NULL,
	"event_time" bigint NOT NULL,
	"statement_id" uuid,
	"request_id" text,
	"entity_type" text NOT NULL,
	"created_by" text NOT NULL,
	"principal_id" uuid NOT NULL,
	"source_table_full_name" text NOT NULL,
	"source_table_catalog" text NOT NULL,
	"source_table_schema" text NOT NULL,
	"source_table_name" text NOT NULL,
	"source_type" text NOT NULL,
	"source_securable_id" uuid,
	"target_table_full_name" text NOT NULL,
	"target_table_catalog" text NOT NULL,
	"target_table_schema" text NOT NULL,
	"target_table_name" text NOT NULL,
	"target_type" text NOT NULL,
	"target_securable_id" uuid,
	"source_column_name" text NOT NULL,
	"target_column_name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "table_lineage" (
	"record_id" uuid PRIMARY KEY NOT NULL,
	"event_time" bigint NOT NULL,
	"statement_id" uuid,
	"request_id" text,
	"entity_type" text NOT NULL,
	"created_by" text NOT NULL,
	"principal_id" uuid NOT NULL,
	"source_table_full_name" text NOT NULL,
	"source_table_catalog" text NOT NULL,
	"source_table_schema" text NOT NULL,
	"source_table_name" text NOT NULL,
	"source_type" text NOT NULL,
	"source_securable_id" uuid,
	"target_table_full_name" text NOT NULL,
	"target_table_catalog" text NOT NULL,
	"target_table_schema" text NOT NULL,
	"target_table_name" text NOT NULL,
	"target_type" text NOT NULL,
	"target_securable_id" uuid
);
--> statement-breakpoint
CREATE INDEX "column_lineage_source_idx" ON "column_lineage" USING btree ("source_table_full_name","source_column_name");--> statement-breakpoint
CREATE INDEX "column_lineage_target_idx" ON "column_lineage" USING btree ("target_table_full_name","target_column_name");--> statement-breakpoint
CREATE INDEX "table_lineage_source_idx" ON "table_lineage" USING btree ("source_table_full_name","event_time");--> statement-breakpoint
CREATE INDEX "table_lineage_target_idx" ON "table_lineage" USING btree ("target_table_full_name","event_time");