import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../env";
import { requestContext } from "../../env";
import { EmptyBody, PagingQuery, jsonBody, ok } from "../../schemas/common";
import { CreateTable, TableInfo, UpdateTable, listOf } from "../../schemas/uc";
import { createTable, deleteTable, getTable, listTables, updateTable } from "../../../catalog/tables";
import { respond, respondPage } from "./respond";

const tags = ["Tables"];
const FullName = z.object({ full_name: z.string() });

export function tableRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(
    createRoute({ method: "post", path: "/tables", tags, summary: "Create a table", request: { body: jsonBody(CreateTable) }, responses: ok(TableInfo) }),
    async (c) => respond(c, await createTable({ ctx: requestContext(c), input: c.req.valid("json") as never })),
  );
  app.openapi(
    createRoute({
      method: "get",
      path: "/tables",
      tags,
      summary: "List tables in a schema",
      request: { query: PagingQuery.extend({ catalog_name: z.string(), schema_name: z.string() }) },
      responses: ok(listOf("tables", TableInfo, "ListTablesResponse")),
    }),
    async (c) => {
      const q = c.req.valid("query");
      const page = await listTables({ ctx: requestContext(c), catalogName: q.catalog_name, schemaName: q.schema_name, input: { maxResults: q.max_results, pageToken: q.page_token } });
      return respondPage(c, "tables", page);
    },
  );
  app.openapi(
    createRoute({ method: "get", path: "/tables/{full_name}", tags, summary: "Get a table", request: { params: FullName }, responses: ok(TableInfo) }),
    async (c) => respond(c, await getTable({ ctx: requestContext(c), fullName: c.req.valid("param").full_name })),
  );
  app.openapi(
    createRoute({
      method: "patch",
      path: "/tables/{full_name}",
      tags,
      summary: "Update a table (Databricks): comment, owner, properties, new_name",
      request: { params: FullName, body: jsonBody(UpdateTable) },
      responses: ok(TableInfo),
    }),
    async (c) => {
      const body = c.req.valid("json");
      return respond(c, await updateTable({ ctx: requestContext(c), fullName: c.req.valid("param").full_name, input: { ...body, newName: body.new_name } }));
    },
  );
  app.openapi(
    createRoute({ method: "delete", path: "/tables/{full_name}", tags, summary: "Delete a table", request: { params: FullName }, responses: ok(EmptyBody) }),
    async (c) => {
      await deleteTable({ ctx: requestContext(c), fullName: c.req.valid("param").full_name });
      return respond(c, {});
    },
  );
}
