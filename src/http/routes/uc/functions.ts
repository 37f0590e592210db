import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../env";
import { requestContext } from "../../env";
import { EmptyBody, ForceQuery, PagingQuery, jsonBody, ok } from "../../schemas/common";
import { CreateFunctionRequest, FunctionInfo, UpdateFunction, listOf } from "../../schemas/uc";
import { createFunction, deleteFunction, getFunction, listFunctions, updateFunction } from "../../../catalog/functions";
import { respond, respondPage } from "./respond";

const tags = ["Functions"];
const NameParam = z.object({ name: z.string().openapi({ description: "catalog.schema.function" }) });

export function functionRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(
    createRoute({ method: "post", path: "/functions", tags, summary: "Create a function", request: { body: jsonBody(CreateFunctionRequest) }, responses: ok(FunctionInfo) }),
    async (c) => respond(c, await createFunction({ ctx: requestContext(c), input: c.req.valid("json").function_info as never })),
  );
  app.openapi(
    createRoute({
      method: "get",
      path: "/functions",
      tags,
      summary: "List functions in a schema",
      request: { query: PagingQuery.extend({ catalog_name: z.string(), schema_name: z.string() }) },
      responses: ok(listOf("functions", FunctionInfo, "ListFunctionsResponse")),
    }),
    async (c) => {
      const q = c.req.valid("query");
      const page = await listFunctions({ ctx: requestContext(c), catalogName: q.catalog_name, schemaName: q.schema_name, input: { maxResults: q.max_results, pageToken: q.page_token } });
      return respondPage(c, "functions", page);
    },
  );
  app.openapi(
    createRoute({ method: "get", path: "/functions/{name}", tags, summary: "Get a function", request: { params: NameParam }, responses: ok(FunctionInfo) }),
    async (c) => respond(c, await getFunction({ ctx: requestContext(c), fullName: c.req.valid("param").name })),
  );
  app.openapi(
    createRoute({ method: "patch", path: "/functions/{name}", tags, summary: "Update a function (Databricks): owner, comment", request: { params: NameParam, body: jsonBody(UpdateFunction) }, responses: ok(FunctionInfo) }),
    async (c) => respond(c, await updateFunction({ ctx: requestContext(c), fullName: c.req.valid("param").name, input: c.req.valid("json") })),
  );
  app.openapi(
    createRoute({ method: "delete", path: "/functions/{name}", tags, summary: "Delete a function", request: { params: NameParam, query: ForceQuery }, responses: ok(EmptyBody) }),
    async (c) => {
      await deleteFunction({ ctx: requestContext(c), fullName: c.req.valid("param").name });
      return respond(c, {});
    },
  );
}
