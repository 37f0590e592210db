import { bigint, index, integer, jsonb, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";

/**
 * Statements run through the SQL Statement Execution API (issue 4 §5), kept so that
 * `GET /api/2.0/sql/statements/{id}` and result chunks can be fetched after the POST.
 */
export const statements = pgTable(
  "statements",
  {
    id: uuid("id").primaryKey(),
    principalId: uuid("principal_id").notNull(),
    statement: text("statement").notNull(),
    state: text("state", { enum: ["PENDING", "RUNNING", "SUCCEEDED", "FAILED", "CANCELED", "CLOSED"] }).notNull(),
    /** The response's `manifest` (schema, chunk list, row counts); null on failure. */
    manifest: jsonb("manifest").$type<unknown>(),
    /** `{error_code, message}` of a failed statement. */
    error: jsonb("error").$type<{ error_code: string; message: string } | null>(),
    createdAt: bigint("created_at", { mode: "number" }).notNull(),
    completedAt: bigint("completed_at", { mode: "number" }),
  },
  (t) => [index("statements_principal_idx").on(t.principalId, t.createdAt)],
);

/** Result rows of a statement, in chunks (JSON_ARRAY format: rows of strings or nulls). */
export const statementChunks = pgTable(
  "statement_chunks",
  {
    statementId: uuid("statement_id").notNull().references(() => statements.id, { onDelete: "cascade" }),
    chunkIndex: integer("chunk_index").notNull(),
    rowOffset: bigint("row_offset", { mode: "number" }).notNull(),
    rows: jsonb("rows").$type<(string | null)[][]>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.statementId, t.chunkIndex] })],
);
