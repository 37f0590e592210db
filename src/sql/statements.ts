import { and, eq } from "drizzle-orm";
import type { RequestContext } from "../context";
import { isDenial, LakewardError } from "../errors";
import { writeAuditEvent } from "../audit/write";
import type { Db } from "../db/types";
import { statementChunks, statements } from "../../schema/index";
import { parseStatements } from "./parse";
import { statementError, type StatementError } from "./statement-errors";
import type { ResultSet } from "./execute/result";
import type { Session } from "./execute/session";
import type { Statement } from "./ast";

/** Rows per result chunk; a client pages through them with the chunk index. */
export const CHUNK_ROWS = 5000;
/** Most rows kept for one statement when no row_limit is given. */
export const MAX_ROWS = 100_000;

export interface ExecuteStatementInput {
  statement: string;
  catalog?: string;
  schema?: string;
  row_limit?: number;
}

export interface ResultChunk {
  chunk_index: number;
  row_offset: number;
  row_count: number;
  data_array: (string | null)[][];
  next_chunk_index?: number;
  next_chunk_internal_link?: string;
}

/** Databricks' StatementResponse. */
export interface StatementResponse {
  statement_id: string;
  status: { state: string; error?: StatementError };
  manifest?: Manifest;
  result?: ResultChunk;
}

interface Manifest {
  format: "JSON_ARRAY";
  schema: { column_count: number; columns: { name: string; type_name: string; type_text: string; position: number }[] };
  total_chunk_count: number;
  chunks: { chunk_index: number; row_offset: number; row_count: number }[];
  total_row_count: number;
  truncated: boolean;
}

/**
 * Runs a script of one or more statements in order (issue 4 §5). Each statement commits on its
 * own; the first failure stops the script and leaves nothing of itself behind. The response
 * carries the result of the last statement, or the failure with where it happened.
 */
export async function executeStatement({ ctx, input }: { ctx: RequestContext; input: ExecuteStatementInput }): Promise<StatementResponse> {
  const id = crypto.randomUUID();
  ctx.statementAudit ??= {};
  // Lineage records name the statement that wrote (issue 6 §6).
  ctx.statementAudit.statement_id = id;
  const session: Session = { catalog: input.catalog?.toLowerCase(), schema: input.schema?.toLowerCase() };
  const limit = Math.min(input.row_limit ?? MAX_ROWS, MAX_ROWS);
  const params = { statement_id: id, statement: input.statement.slice(0, 4000), catalog: session.catalog, schema: session.schema };
  let outcome: { result: ResultSet } | { error: StatementError };
  // A securable hidden from the caller fails as "not found" but is audited as a denial.
  let denied = false;
  try {
    outcome = { result: await runScript(ctx, input.statement, session) };
  } catch (err) {
    const failed = err as { statementError?: StatementError; denied?: boolean };
    outcome = { error: failed.statementError ?? statementError(err) };
    denied = failed.denied ?? isDenial(err);
  }
  // The statement's own audit row (issue 6 §7); each verb it ran audited itself too.
  return ctx.services.db.transaction(async (txn) => {
    const tx = txn as unknown as Db;
    const response = await persist(tx, ctx, id, input.statement, outcome, limit);
    const failed = "error" in outcome ? outcome.error : undefined;
    await writeAuditEvent(tx, {
      eventTime: ctx.services.clock.now(),
      requestId: ctx.requestId,
      serviceName: "databrickssql",
      actionName: "executeStatement",
      principalId: ctx.principal.id,
      principalName: ctx.principal.name,
      requestParams: params,
      outcome: failed ? (denied ? "denied" : "failed") : "success",
      statusCode: 200,
      errorCode: failed?.error_code,
      errorMessage: failed?.message,
      sourceIp: ctx.sourceIp,
      userAgent: ctx.userAgent,
      details: { ...(ctx.statementAudit ?? {}) },
    });
    return response;
  });
}

async function runScript(ctx: RequestContext, sql: string, session: Session): Promise<ResultSet> {
  const parsed: Statement[] = parseStatements(sql);
  if (parsed.length === 0) throw new LakewardError("INVALID_ARGUMENT", "The statement is empty.");
  let last: ResultSet = { columns: [], rows: [] };
  for (const [index, stmt] of parsed.entries()) {
    const handler = ctx.services.statements[stmt.kind] as ((c: RequestContext, s: Session, st: Statement) => Promise<ResultSet>) | undefined;
    try {
      if (!handler) throw new LakewardError("UNIMPLEMENTED", `${describeKind(stmt.kind)} statements are not supported by this server${stmt.kind === "Query" || stmt.kind === "Insert" || stmt.kind === "Explain" ? " (no query engine in this runtime)" : ""}.`);
      last = await handler(ctx, session, stmt);
    } catch (err) {
      throw Object.assign(new Error("statement failed"), {
        statementError: statementError(err, { index, count: parsed.length, span: stmt.span }),
        denied: isDenial(err),
      });
    }
  }
  return last;
}

function describeKind(kind: string): string {
  return kind.replace(/([a-z])([A-Z])/g, "$1 $2").toUpperCase();
}

async function persist(tx: Db, ctx: RequestContext, id: string, text: string, outcome: { result: ResultSet } | { error: StatementError }, limit: number): Promise<StatementResponse> {
  const now = ctx.services.clock.now();
  if ("error" in outcome) {
    await tx.insert(statements).values({ id, principalId: ctx.principal.id, statement: text, state: "FAILED", error: outcome.error, createdAt: now, completedAt: now });
    return { statement_id: id, status: { state: "FAILED", error: outcome.error } };
  }
  const { columns, rows: all } = outcome.result;
  const rows = all.slice(0, limit);
  const chunks = Array.from({ length: Math.max(1, Math.ceil(rows.length / CHUNK_ROWS)) }, (_, i) => ({
    chunk_index: i,
    row_offset: i * CHUNK_ROWS,
    rows: rows.slice(i * CHUNK_ROWS, (i + 1) * CHUNK_ROWS),
  }));
  const manifest: Manifest = {
    format: "JSON_ARRAY",
    schema: { column_count: columns.length, columns: columns.map((c, position) => ({ ...c, position })) },
    total_chunk_count: chunks.length,
    chunks: chunks.map((c) => ({ chunk_index: c.chunk_index, row_offset: c.row_offset, row_count: c.rows.length })),
    total_row_count: rows.length,
    truncated: Boolean(outcome.result.truncated) || all.length > rows.length,
  };
  await tx.insert(statements).values({ id, principalId: ctx.principal.id, statement: text, state: "SUCCEEDED", manifest, createdAt: now, completedAt: now });
  if (columns.length > 0) {
    await tx.insert(statementChunks).values(chunks.map((c) => ({ statementId: id, chunkIndex: c.chunk_index, rowOffset: c.row_offset, rows: c.rows })));
  }
  return { statement_id: id, status: { state: "SUCCEEDED" }, manifest, ...(columns.length > 0 ? { result: chunkOf(id, chunks[0]!, chunks.length) } : {}) };
}

function chunkOf(id: string, chunk: { chunk_index: number; row_offset: number; rows: (string | null)[][] }, total: number): ResultChunk {
  const next = chunk.chunk_index + 1 < total ? chunk.chunk_index + 1 : undefined;
  return {
    chunk_index: chunk.chunk_index,
    row_offset: chunk.row_offset,
    row_count: chunk.rows.length,
    data_array: chunk.rows,
    ...(next === undefined ? {} : { next_chunk_index: next, next_chunk_internal_link: `/api/2.0/sql/statements/${id}/result/chunks/${next}` }),
  };
}

/** A statement of the caller's, with its first chunk; others' statements do not exist for it. */
export async function getStatement({ ctx, id }: { ctx: RequestContext; id: string }): Promise<StatementResponse> {
  const [row] = await ctx.services.db.select().from(statements).where(and(eq(statements.id, id), eq(statements.principalId, ctx.principal.id))).limit(1);
  if (!row) throw new LakewardError("NOT_FOUND", `Statement ${id} not found.`);
  if (row.state === "FAILED") return { statement_id: id, status: { state: "FAILED", error: row.error ?? undefined } };
  const manifest = row.manifest as Manifest;
  const response: StatementResponse = { statement_id: id, status: { state: row.state }, manifest };
  if (manifest.schema.column_count > 0) response.result = await getResultChunk({ ctx, id, chunkIndex: 0 });
  return response;
}

/** One chunk of a statement's result. */
export async function getResultChunk({ ctx, id, chunkIndex }: { ctx: RequestContext; id: string; chunkIndex: number }): Promise<ResultChunk> {
  const [owner] = await ctx.services.db.select({ manifest: statements.manifest }).from(statements).where(and(eq(statements.id, id), eq(statements.principalId, ctx.principal.id))).limit(1);
  if (!owner) throw new LakewardError("NOT_FOUND", `Statement ${id} not found.`);
  const [chunk] = await ctx.services.db.select().from(statementChunks).where(and(eq(statementChunks.statementId, id), eq(statementChunks.chunkIndex, chunkIndex))).limit(1);
  if (!chunk) throw new LakewardError("NOT_FOUND", `Statement ${id} has no result chunk ${chunkIndex}.`);
  const total = (owner.manifest as Manifest | null)?.total_chunk_count ?? 1;
  return chunkOf(id, { chunk_index: chunk.chunkIndex, row_offset: chunk.rowOffset, rows: chunk.rows }, total);
}
