CREATE TABLE "external_location_details" (
	"securable_id" uuid PRIMARY KEY NOT NULL,
	"credential_id" uuid
);
--> statement-breakpoint
CREATE TABLE "storage_credential_details" (
	"securable_id" uuid PRIMARY KEY NOT NULL,
	"purpose" text DEFAULT 'STORAGE' NOT NULL,
	"aws_role_arn" text NOT NULL,
	"external_id" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "external_location_details" ADD CONSTRAINT "external_location_details_securable_id_securables_id_fk" FOREIGN KEY ("securable_id") REFERENCES "public"."securables"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "external_location_details" ADD CONSTRAINT "external_location_details_credential_id_securables_id_fk" FOREIGN KEY ("credential_id") REFERENCES "public"."securables"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "storage_credential_details" ADD CONSTRAINT "storage_credential_details_securable_id_securables_id_fk" FOREIGN KEY ("securable_id") REFERENCES "public"."securables"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "external_location_details_credential_idx" ON "external_location_details" USING btree ("credential_id");