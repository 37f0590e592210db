import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../env";
import { requestContext } from "../env";
import { routeGroup, asLakewardError } from "../route-group";
import { authenticate } from "../middleware/authenticate";
import type { BearerAuthenticator } from "../../auth/authenticate";
import { databricksError } from "./auth/databricks-errors";
import { executeStatement, getResultChunk, getStatement } from "../../sql/statements";
import { invalidArgument } from "../../errors";

const tags = ["SQL Statements"];

const ColumnSchema = z.object({ name: z.string(), type_name: z.string(), type_text: z.string(), position: z.number().int() });
const ResultData = z
  .object({
    chunk_index: z.number().int(),
    row_offset: z.number().int(),
    row_count: z.number().int(),
    data_array: z.array(z.array(z.string().nullable())),
    next_chunk_index: z.number().int().optional(),
    next_chunk_internal_link: z.string().optional(),
  })
  .openapi("ResultData");
const StatementResponse = z
  .object({
    statement_id: z.string().uuid(),
    status: z.object({
      state: z.enum(["PENDING", "RUNNING", "SUCCEEDED", "FAILED", "CANCELED", "CLOSED"]),
      error: z.object({ error_code: z.string(), message: z.string() }).optional(),
    }),
    manifest: z
      .object({
        format: z.literal("JSON_ARRAY"),
        schema: z.object({ column_count: z.number().int(), columns: z.array(ColumnSchema) }),
        total_chunk_count: z.number().int(),
        chunks: z.array(z.object({ chunk_index: z.number().int(), row_offset: z.number().int(), row_count: z.number().int() })),
        total_row_count: z.number().int(),
        truncated: z.boolean(),
      })
      .optional(),
    result: ResultData.optional(),
  })
  .openapi("StatementResponse");

const ExecuteStatementRequest = z
  .object({
    statement: z.string().min(1),
    warehouse_id: z.string().optional().openapi({ description: "Accepted for compatibility; Lakeward has one engine." }),
    catalog: z.string().optional(),
    schema: z.string().optional(),
    row_limit: z.number().int().min(0).optional(),
    wait_timeout: z
      .string()
      .regex(/^(0|[5-9]|[1-4][0-9]|50)s$/, "wait_timeout must be 0s or between 5s and 50s")
      .optional()
      .openapi({ description: "Accepted; statements run to completion within the request." }),
    on_wait_timeout: z.enum(["CONTINUE", "CANCEL"]).optional(),
    disposition: z.enum(["INLINE"]).optional(),
    format: z.enum(["JSON_ARRAY"]).optional(),
  })
  .openapi("ExecuteStatementRequest");

const errors = { 400: { description: "Bad request" }, 401: { description: "Unauthenticated" }, 404: { description: "Not found" } };
const Id = z.object({ statement_id: z.string() });

/** The SQL Statement Execution API, shaped like Databricks' (issue 4 §5). */
export function statementApi(authenticators: readonly BearerAuthenticator[]): OpenAPIHono<AppEnv> {
  const api = routeGroup();
  api.use("*", authenticate(authenticators));
  api.openapi(
    createRoute({
      method: "post",
      path: "/",
      tags,
      summary: "Execute SQL statements",
      request: { body: { content: { "application/json": { schema: ExecuteStatementRequest } }, required: true } },
      responses: { 200: { description: "Statement result or failure", content: { "application/json": { schema: StatementResponse } } }, ...errors },
    }),
    async (c) => c.json((await executeStatement({ ctx: requestContext(c), input: c.req.valid("json") })) as never, 200),
  );
  api.openapi(
    createRoute({ method: "get", path: "/{statement_id}", tags, summary: "Get a statement's status and first result chunk", request: { params: Id }, responses: { 200: { description: "OK", content: { "application/json": { schema: StatementResponse } } }, ...errors } }),
    async (c) => c.json((await getStatement({ ctx: requestContext(c), id: uuidParam(c.req.valid("param").statement_id) })) as never, 200),
  );
  api.openapi(
    createRoute({
      method: "get",
      path: "/{statement_id}/result/chunks/{chunk_index}",
      tags,
      summary: "Get one chunk of a result",
      request: { params: Id.extend({ chunk_index: z.coerce.number().int().min(0) }) },
      responses: { 200: { description: "OK", content: { "application/json": { schema: ResultData } } }, ...errors },
    }),
    async (c) => {
      const p = c.req.valid("param");
      return c.json((await getResultChunk({ ctx: requestContext(c), id: uuidParam(p.statement_id), chunkIndex: p.chunk_index })) as never, 200);
    },
  );
  api.openapi(
    createRoute({ method: "post", path: "/{statement_id}/cancel", tags, summary: "Cancel (statements finish within their request, so this only checks the id)", request: { params: Id }, responses: { 200: { description: "OK", content: { "application/json": { schema: z.object({}) } } }, ...errors } }),
    async (c) => {
      await getStatement({ ctx: requestContext(c), id: uuidParam(c.req.valid("param").statement_id) });
      return c.json({}, 200);
    },
  );
  api.onError((err, c) => {
    const { status, body } = databricksError(asLakewardError(err));
    return c.json(body, status as 400);
  });
  return api;
}

function uuidParam(id: string): string {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) throw invalidArgument(`Invalid statement_id '${id}'.`, { field: "statement_id" });
  return id.toLowerCase();
}
