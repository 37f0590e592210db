CREATE TABLE "recipient_details" (
	"securable_id" uuid PRIMARY KEY NOT NULL,
	"authentication_type" text NOT NULL,
	"sharing_id" text,
	"ip_access_list" jsonb
);
--> statement-breakpoint
CREATE TABLE "recipient_tokens" (
	"id" uuid PRIMARY KEY NOT NULL,
	"recipient_id" uuid NOT NULL,
	"token_hash" text,
	"activation_hash" text,
	"created_at" bigint NOT NULL,
	"created_by" text NOT NULL,
	"updated_at" bigint NOT NULL,
	"updated_by" text NOT NULL,
	"expires_at" bigint,
	"retrieved_at" bigint
);
--> statement-breakpoint
CREATE TABLE "share_objects" (
	"id" uuid PRIMARY KEY NOT NULL,
	"share_id" uuid NOT NULL,
	"object_type" text NOT NULL,
	"source_id" uuid NOT NULL,
	"shared_as" text NOT NULL,
	"comment" text,
	"partitions" jsonb,
	"history_shared" boolean DEFAULT false NOT NULL,
	"added_at" bigint NOT NULL,
	"added_by" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "share_recipient_grants" (
	"share_id" uuid NOT NULL,
	"recipient_id" uuid NOT NULL,
	"privilege" text DEFAULT 'SELECT' NOT NULL,
	"created_at" bigint NOT NULL,
	"created_by" text NOT NULL,
	CONSTRAINT "share_recipient_grants_share_id_recipient_id_pk" PRIMARY KEY("share_id","recipient_id")
);
--> statement-breakpoint
CREATE TABLE "sharing_keys" (
	"id" text PRIMARY KEY NOT NULL,
	"secret" text NOT NULL,
	"created_at" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "recipient_details" ADD CONSTRAINT "recipient_details_securable_id_securables_id_fk" FOREIGN KEY ("securable_id") REFERENCES "public"."securables"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recipient_tokens" ADD CONSTRAINT "recipient_tokens_recipient_id_securables_id_fk" FOREIGN KEY ("recipient_id") REFERENCES "public"."securables"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "share_objects" ADD CONSTRAINT "share_objects_share_id_securables_id_fk" FOREIGN KEY ("share_id") REFERENCES "public"."securables"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "share_objects" ADD CONSTRAINT "share_objects_source_id_securables_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."securables"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "share_recipient_grants" ADD CONSTRAINT "share_recipient_grants_share_id_securables_id_fk" FOREIGN KEY ("share_id") REFERENCES "public"."securables"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "share_recipient_grants" ADD CONSTRAINT "share_recipient_grants_recipient_id_securables_id_fk" FOREIGN KEY ("recipient_id") REFERENCES "public"."securables"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "recipient_tokens_token_key" ON "recipient_tokens" USING btree ("token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "recipient_tokens_activation_key" ON "recipient_tokens" USING btree ("activation_hash");--> statement-breakpoint
CREATE INDEX "recipient_tokens_recipient_idx" ON "recipient_tokens" USING btree ("recipient_id");--> statement-breakpoint
CREATE UNIQUE INDEX "share_objects_shared_as_key" ON "share_objects" USING btree ("share_id","shared_as");--> statement-breakpoint
CREATE UNIQUE INDEX "share_objects_source_key" ON "share_objects" USING btree ("share_id","source_id");--> statement-breakpoint
CREATE INDEX "share_objects_source_idx" ON "share_objects" USING btree ("source_id");--> statement-breakpoint
CREATE INDEX "share_recipient_grants_recipient_idx" ON "share_recipient_grants" USING btree ("recipient_id");