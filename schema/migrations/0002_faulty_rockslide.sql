CREATE TABLE "statement_chunks" (
	"statement_id" uuid NOT NULL,
	"chunk_index" integer NOT NULL,
	"row_offset" bigint NOT NULL,
	"rows" jsonb NOT NULL,
	CONSTRAINT "statement_chunks_statement_id_chunk_index_pk" PRIMARY KEY("statement_id","chunk_index")
);
--> statement-breakpoint
CREATE TABLE "statements" (
	"id" uuid PRIMARY KEY NOT NULL,
	"principal_id" uuid NOT NULL,
	"statement" text NOT NULL,
	"state" text NOT NULL,
	"manifest" jsonb,
	"error" jsonb,
	"created_at" bigint NOT NULL,
	"completed_at" bigint
);
--> statement-breakpoint
ALTER TABLE "statement_chunks" ADD CONSTRAINT "statement_chunks_statement_id_statements_id_fk" FOREIGN KEY ("statement_id") REFERENCES "public"."statements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "statements_principal_idx" ON "statements" USING btree ("principal_id","created_at");