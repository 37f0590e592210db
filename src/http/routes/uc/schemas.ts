import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../env";
import { requestContext } from "../../env";
import { EmptyBody, ForceQuery, PagingQuery, jsonBody, ok } from "../../schemas/common";
import { CreateSchema, SchemaInfo, UpdateSchema, listOf } from "../../schemas/uc";
import { createSchema, deleteSchema, getSchema, listSchemas, updateSchema } from "../../../catalog/schemas";
import { isForced, respond, respondPage } from "./respond";

const tags = ["Schemas"];
const FullName = z.object({ full_name: z.string() });

export function schemaRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(
    createRoute({ method: "post", path: "/schemas", tags, summary: "Create a schema", request: { body: jsonBody(CreateSchema) }, responses: ok(SchemaInfo) }),
    async (c) => respond(c, await createSchema({ ctx: requestContext(c), input: c.req.valid("json") })),
  );
  app.openapi(
    createRoute({
      method: "get",
      path: "/schemas",
      tags,
      summary: "List schemas in a catalog",
      request: { query: PagingQuery.extend({ catalog_name: z.string() }) },
      responses: ok(listOf("schemas", SchemaInfo, "ListSchemasResponse")),
    }),
    async (c) => {
      const q = c.req.valid("query");
      return respondPage(c, "schemas", await listSchemas({ ctx: requestContext(c), catalogName: q.catalog_name, input: { maxResults: q.max_results, pageToken: q.page_token } }));
    },
  );
  app.openapi(
    createRoute({ method: "get", path: "/schemas/{full_name}", tags, summary: "Get a schema", request: { params: FullName }, responses: ok(SchemaInfo) }),
    async (c) => respond(c, await getSchema({ ctx: requestContext(c), fullName: c.req.valid("param").full_name })),
  );
  app.openapi(
    createRoute({ method: "patch", path: "/schemas/{full_name}", tags, summary: "Update a schema", request: { params: FullName, body: jsonBody(UpdateSchema) }, responses: ok(SchemaInfo) }),
    async (c) => {
      const body = c.req.valid("json");
      return respond(c, await updateSchema({ ctx: requestContext(c), fullName: c.req.valid("param").full_name, input: { ...body, newName: body.new_name } }));
    },
  );
  app.openapi(
    createRoute({ method: "delete", path: "/schemas/{full_name}", tags, summary: "Delete a schema", request: { params: FullName, query: ForceQuery }, responses: ok(EmptyBody) }),
    async (c) => {
      await deleteSchema({ ctx: requestContext(c), fullName: c.req.valid("param").full_name, force: isForced(c.req.valid("query").force) });
      return respond(c, {});
    },
  );
}
