import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../env";
import { requestContext } from "../../env";
import { EmptyBody, ForceQuery, PagingQuery, jsonBody, ok } from "../../schemas/common";
import { CatalogInfo, CreateCatalog, UpdateCatalog, listOf } from "../../schemas/uc";
import { createCatalog, deleteCatalog, getCatalog, listCatalogs, updateCatalog } from "../../../catalog/catalogs";
import { isForced, respond, respondPage } from "./respond";

const tags = ["Catalogs"];
const NameParam = z.object({ name: z.string() });

export function catalogRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(
    createRoute({ method: "post", path: "/catalogs", tags, summary: "Create a catalog", request: { body: jsonBody(CreateCatalog) }, responses: ok(CatalogInfo) }),
    async (c) => respond(c, await createCatalog({ ctx: requestContext(c), input: c.req.valid("json") })),
  );
  app.openapi(
    createRoute({ method: "get", path: "/catalogs", tags, summary: "List catalogs", request: { query: PagingQuery }, responses: ok(listOf("catalogs", CatalogInfo, "ListCatalogsResponse")) }),
    async (c) => {
      const q = c.req.valid("query");
      return respondPage(c, "catalogs", await listCatalogs({ ctx: requestContext(c), input: { maxResults: q.max_results, pageToken: q.page_token } }));
    },
  );
  app.openapi(
    createRoute({ method: "get", path: "/catalogs/{name}", tags, summary: "Get a catalog", request: { params: NameParam }, responses: ok(CatalogInfo) }),
    async (c) => respond(c, await getCatalog({ ctx: requestContext(c), name: c.req.valid("param").name })),
  );
  app.openapi(
    createRoute({ method: "patch", path: "/catalogs/{name}", tags, summary: "Update a catalog", request: { params: NameParam, body: jsonBody(UpdateCatalog) }, responses: ok(CatalogInfo) }),
    async (c) => {
      const body = c.req.valid("json");
      return respond(c, await updateCatalog({ ctx: requestContext(c), name: c.req.valid("param").name, input: { ...body, newName: body.new_name } }));
    },
  );
  app.openapi(
    createRoute({ method: "delete", path: "/catalogs/{name}", tags, summary: "Delete a catalog", request: { params: NameParam, query: ForceQuery }, responses: ok(EmptyBody) }),
    async (c) => {
      await deleteCatalog({ ctx: requestContext(c), name: c.req.valid("param").name, force: isForced(c.req.valid("query").force) });
      return respond(c, {});
    },
  );
}
