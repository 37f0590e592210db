import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../env";
import { requestContext } from "../../env";
import { EmptyBody, ForceQuery, PagingQuery, jsonBody, nullable, ok } from "../../schemas/common";
import { listOf } from "../../schemas/uc";
import {
  createExternalLocation, deleteExternalLocation, getExternalLocation, listExternalLocations, updateExternalLocation,
} from "../../../catalog/external-locations";
import { isForced, respond, respondPage } from "./respond";

const tags = ["External Locations"];
const NameParam = z.object({ name: z.string().openapi({ description: "Name of the external location." }) });

/** ExternalLocationInfo (uc-oss §2.10). */
export const ExternalLocationInfo = z
  .object({
    name: z.string(),
    id: z.string().uuid(),
    url: z.string(),
    credential_name: z.string().nullable(),
    comment: z.string().nullable(),
    owner: z.string(),
    credential_id: z.string().uuid().nullable(),
    created_at: z.number().int(),
    created_by: z.string(),
    updated_at: z.number().int().nullable(),
    updated_by: z.string().nullable(),
  })
  .openapi("ExternalLocationInfo");

const CreateExternalLocation = z
  .object({ name: z.string(), url: z.string(), credential_name: z.string(), comment: nullable(z.string()) })
  .openapi("CreateExternalLocation");

/** UC OSS's fields plus Databricks' `owner` (applied) and `force` (change a URL in use). */
const UpdateExternalLocation = z
  .object({
    url: z.string().optional(),
    credential_name: z.string().optional(),
    comment: nullable(z.string()),
    owner: z.string().optional(),
    new_name: z.string().optional(),
    force: z.boolean().optional(),
  })
  .openapi("UpdateExternalLocation");

/** External locations: `/external-locations` (uc-oss §2.10). */
export function externalLocationRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(
    createRoute({ method: "post", path: "/external-locations", tags, summary: "Create an external location", request: { body: jsonBody(CreateExternalLocation) }, responses: ok(ExternalLocationInfo) }),
    async (c) => respond(c, await createExternalLocation({ ctx: requestContext(c), input: c.req.valid("json") })),
  );
  app.openapi(
    createRoute({
      method: "get",
      path: "/external-locations",
      tags,
      summary: "List external locations the caller may see",
      request: { query: PagingQuery },
      responses: ok(listOf("external_locations", ExternalLocationInfo, "ListExternalLocationsResponse")),
    }),
    async (c) => {
      const q = c.req.valid("query");
      return respondPage(c, "external_locations", await listExternalLocations({ ctx: requestContext(c), input: { maxResults: q.max_results, pageToken: q.page_token } }));
    },
  );
  app.openapi(
    createRoute({ method: "get", path: "/external-locations/{name}", tags, summary: "Get an external location", request: { params: NameParam }, responses: ok(ExternalLocationInfo) }),
    async (c) => respond(c, await getExternalLocation({ ctx: requestContext(c), name: c.req.valid("param").name })),
  );
  app.openapi(
    createRoute({
      method: "patch",
      path: "/external-locations/{name}",
      tags,
      summary: "Update an external location",
      request: { params: NameParam, body: jsonBody(UpdateExternalLocation) },
      responses: ok(ExternalLocationInfo),
    }),
    async (c) => {
      const body = c.req.valid("json");
      const input = { comment: body.comment, owner: body.owner, newName: body.new_name, url: body.url, credentialName: body.credential_name, force: body.force };
      return respond(c, await updateExternalLocation({ ctx: requestContext(c), name: c.req.valid("param").name, input }));
    },
  );
  app.openapi(
    createRoute({
      method: "delete",
      path: "/external-locations/{name}",
      tags,
      summary: "Delete an external location (force: even if tables or volumes use it)",
      request: { params: NameParam, query: ForceQuery },
      responses: ok(EmptyBody),
    }),
    async (c) => {
      await deleteExternalLocation({ ctx: requestContext(c), name: c.req.valid("param").name, force: isForced(c.req.valid("query").force) });
      return respond(c, {});
    },
  );
}
