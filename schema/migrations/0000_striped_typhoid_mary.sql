CREATE TABLE "access_tokens" (
	"id" uuid PRIMARY KEY NOT NULL,
	"principal_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"comment" text,
	"created_at" bigint NOT NULL,
	"expires_at" bigint,
	"last_used_at" bigint
);
--> statement-breakpoint
CREATE TABLE "group_members" (
	"group_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	CONSTRAINT "group_members_group_id_member_id_pk" PRIMARY KEY("group_id","member_id")
);
--> statement-breakpoint
CREATE TABLE "principals" (
	"id" uuid PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"display_name" text,
	"external_id" text,
	"active" boolean DEFAULT true NOT NULL,
	"attributes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"secret_hash" text,
	"created_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "securables" (
	"id" uuid PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"parent_id" uuid,
	"name" text NOT NULL,
	"full_name" text NOT NULL,
	"owner_id" uuid NOT NULL,
	"comment" text,
	"properties" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"storage_root" text,
	"storage_location" text,
	"created_at" bigint NOT NULL,
	"created_by" text NOT NULL,
	"updated_at" bigint,
	"updated_by" text
);
--> statement-breakpoint
CREATE TABLE "function_details" (
	"securable_id" uuid PRIMARY KEY NOT NULL,
	"input_params" jsonb NOT NULL,
	"return_params" jsonb,
	"data_type" text NOT NULL,
	"full_data_type" text NOT NULL,
	"routine_body" text NOT NULL,
	"routine_definition" text NOT NULL,
	"routine_dependencies" jsonb,
	"parameter_style" text NOT NULL,
	"is_deterministic" boolean NOT NULL,
	"sql_data_access" text NOT NULL,
	"is_null_call" boolean NOT NULL,
	"security_type" text NOT NULL,
	"specific_name" text NOT NULL,
	"external_language" text,
	"function_properties" text
);
--> statement-breakpoint
CREATE TABLE "table_details" (
	"securable_id" uuid PRIMARY KEY NOT NULL,
	"table_type" text NOT NULL,
	"data_source_format" text,
	"columns" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"view_definition" text,
	"view_dependencies" jsonb,
	"row_filter" jsonb
);
--> statement-breakpoint
CREATE TABLE "volume_details" (
	"securable_id" uuid PRIMARY KEY NOT NULL,
	"volume_type" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "authz_changes" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"securable_id" uuid,
	"principal_id" uuid,
	"at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "grants" (
	"securable_id" uuid NOT NULL,
	"principal_id" uuid NOT NULL,
	"privilege" text NOT NULL,
	"created_at" bigint NOT NULL,
	"created_by" text NOT NULL,
	CONSTRAINT "grants_securable_id_principal_id_privilege_pk" PRIMARY KEY("securable_id","principal_id","privilege")
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"event_id" uuid NOT NULL,
	"event_time" bigint NOT NULL,
	"request_id" text,
	"service_name" text NOT NULL,
	"action_name" text NOT NULL,
	"principal_id" uuid,
	"principal_name" text,
	"securable_type" text,
	"securable_full_name" text,
	"securable_id" uuid,
	"request_params" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"outcome" text NOT NULL,
	"status_code" integer NOT NULL,
	"error_code" text,
	"error_message" text,
	"source_ip" text,
	"user_agent" text,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "access_tokens" ADD CONSTRAINT "access_tokens_principal_id_principals_id_fk" FOREIGN KEY ("principal_id") REFERENCES "public"."principals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_members" ADD CONSTRAINT "group_members_group_id_principals_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."principals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_members" ADD CONSTRAINT "group_members_member_id_principals_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."principals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "securables" ADD CONSTRAINT "securables_parent_id_securables_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."securables"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "function_details" ADD CONSTRAINT "function_details_securable_id_securables_id_fk" FOREIGN KEY ("securable_id") REFERENCES "public"."securables"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "table_details" ADD CONSTRAINT "table_details_securable_id_securables_id_fk" FOREIGN KEY ("securable_id") REFERENCES "public"."securables"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volume_details" ADD CONSTRAINT "volume_details_securable_id_securables_id_fk" FOREIGN KEY ("securable_id") REFERENCES "public"."securables"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grants" ADD CONSTRAINT "grants_securable_id_securables_id_fk" FOREIGN KEY ("securable_id") REFERENCES "public"."securables"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "access_tokens_hash_key" ON "access_tokens" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "access_tokens_principal_idx" ON "access_tokens" USING btree ("principal_id");--> statement-breakpoint
CREATE INDEX "group_members_member_idx" ON "group_members" USING btree ("member_id");--> statement-breakpoint
CREATE UNIQUE INDEX "principals_name_key" ON "principals" USING btree (lower("name"));--> statement-breakpoint
CREATE INDEX "principals_external_id_idx" ON "principals" USING btree ("external_id");--> statement-breakpoint
CREATE UNIQUE INDEX "securables_type_full_name_key" ON "securables" USING btree ("type","full_name");--> statement-breakpoint
CREATE INDEX "securables_parent_name_idx" ON "securables" USING btree ("parent_id","type","name");--> statement-breakpoint
CREATE INDEX "securables_owner_idx" ON "securables" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "securables_storage_location_idx" ON "securables" USING btree ("storage_location");--> statement-breakpoint
CREATE INDEX "grants_principal_idx" ON "grants" USING btree ("principal_id");--> statement-breakpoint
CREATE INDEX "audit_log_time_idx" ON "audit_log" USING btree ("event_time");--> statement-breakpoint
CREATE INDEX "audit_log_action_idx" ON "audit_log" USING btree ("action_name");