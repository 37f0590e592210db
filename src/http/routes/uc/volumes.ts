import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../env";
import { requestContext } from "../../env";
import { EmptyBody, PagingQuery, jsonBody, ok } from "../../schemas/common";
import { CreateVolume, UpdateVolume, VolumeInfo, listOf } from "../../schemas/uc";
import { createVolume, deleteVolume, getVolume, listVolumes, updateVolume } from "../../../catalog/volumes";
import { respond, respondPage } from "./respond";

const tags = ["Volumes"];
const NameParam = z.object({ name: z.string().openapi({ description: "catalog.schema.volume" }) });

export function volumeRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(
    createRoute({ method: "post", path: "/volumes", tags, summary: "Create a volume", request: { body: jsonBody(CreateVolume) }, responses: ok(VolumeInfo) }),
    async (c) => respond(c, await createVolume({ ctx: requestContext(c), input: c.req.valid("json") })),
  );
  app.openapi(
    createRoute({
      method: "get",
      path: "/volumes",
      tags,
      summary: "List volumes in a schema",
      request: { query: PagingQuery.extend({ catalog_name: z.string(), schema_name: z.string() }) },
      responses: ok(listOf("volumes", VolumeInfo, "ListVolumesResponseContent")),
    }),
    async (c) => {
      const q = c.req.valid("query");
      const page = await listVolumes({ ctx: requestContext(c), catalogName: q.catalog_name, schemaName: q.schema_name, input: { maxResults: q.max_results, pageToken: q.page_token } });
      return respondPage(c, "volumes", page);
    },
  );
  app.openapi(
    createRoute({ method: "get", path: "/volumes/{name}", tags, summary: "Get a volume", request: { params: NameParam }, responses: ok(VolumeInfo) }),
    async (c) => respond(c, await getVolume({ ctx: requestContext(c), fullName: c.req.valid("param").name })),
  );
  app.openapi(
    createRoute({ method: "patch", path: "/volumes/{name}", tags, summary: "Update a volume", request: { params: NameParam, body: jsonBody(UpdateVolume) }, responses: ok(VolumeInfo) }),
    async (c) => {
      const body = c.req.valid("json");
      return respond(c, await updateVolume({ ctx: requestContext(c), fullName: c.req.valid("param").name, input: { ...body, newName: body.new_name } }));
    },
  );
  app.openapi(
    createRoute({ method: "delete", path: "/volumes/{name}", tags, summary: "Delete a volume", request: { params: NameParam }, responses: ok(EmptyBody) }),
    async (c) => {
      await deleteVolume({ ctx: requestContext(c), fullName: c.req.valid("param").name });
      return respond(c, {});
    },
  );
}
