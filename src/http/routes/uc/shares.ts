import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../env";
import { requestContext } from "../../env";
import { EmptyBody, PagingQuery, jsonBody, nullable, ok } from "../../schemas/common";
import { listOf } from "../../schemas/uc";
import { createShare, deleteShare, getShare, listShares, updateShare } from "../../../sharing/shares/shares";
import { getSharePermissions, updateSharePermissions } from "../../../sharing/shares/permissions";
import { respond, respondPage } from "./respond";

const tags = ["Shares"];
const NameParam = z.object({ name: z.string() });

const PartitionValue = z.object({
  name: z.string(),
  op: z.enum(["EQUAL", "LIKE"]).optional(),
  value: z.string().nullable().optional(),
  recipient_property_key: z.string().nullable().optional(),
});
const Partition = z.object({ values: z.array(PartitionValue) });
const DataObjectInput = z.object({
  name: z.string(),
  data_object_type: z.enum(["TABLE", "SCHEMA", "VIEW"]).optional(),
  shared_as: nullable(z.string()),
  comment: nullable(z.string()),
  partitions: nullable(z.array(Partition)),
  history_data_sharing_status: z.enum(["ENABLED", "DISABLED"]).nullable().optional(),
  cdf_enabled: z.boolean().nullable().optional(),
});
const SharedDataObject = DataObjectInput.extend({
  data_object_type: z.enum(["TABLE", "SCHEMA", "VIEW"]),
  added_at: z.number().int(),
  added_by: z.string(),
  status: z.string(),
}).openapi("SharedDataObject");

const ShareInfo = z
  .object({
    name: z.string(),
    id: z.string().uuid(),
    owner: z.string(),
    comment: z.string().nullable(),
    created_at: z.number().int(),
    created_by: z.string(),
    updated_at: z.number().int().nullable(),
    updated_by: z.string().nullable(),
    objects: z.array(SharedDataObject).optional(),
  })
  .openapi("ShareInfo");

const CreateShare = z.object({ name: z.string(), comment: nullable(z.string()) }).openapi("CreateShare");
const UpdateShare = z
  .object({
    new_name: z.string().optional(),
    comment: nullable(z.string()),
    owner: z.string().optional(),
    updates: z.array(z.object({ action: z.enum(["ADD", "REMOVE", "UPDATE"]), data_object: DataObjectInput })).optional(),
  })
  .openapi("UpdateShare");
const SharePermissions = z
  .object({ privilege_assignments: z.array(z.object({ principal: z.string(), privileges: z.array(z.string()) })) })
  .openapi("SharePermissions");
const UpdateSharePermissions = z
  .object({ changes: z.array(z.object({ principal: z.string(), add: z.array(z.string()).optional(), remove: z.array(z.string()).optional() })).min(1) })
  .openapi("UpdateSharePermissions");

/** Databricks' shares API (issue 8 §1): /shares and /shares/{name}/permissions. */
export function shareRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(
    createRoute({ method: "post", path: "/shares", tags, summary: "Create a share", request: { body: jsonBody(CreateShare) }, responses: ok(ShareInfo) }),
    async (c) => respond(c, await createShare({ ctx: requestContext(c), input: c.req.valid("json") })),
  );
  app.openapi(
    createRoute({ method: "get", path: "/shares", tags, summary: "List shares", request: { query: PagingQuery }, responses: ok(listOf("shares", ShareInfo, "ListSharesResponse")) }),
    async (c) => {
      const q = c.req.valid("query");
      return respondPage(c, "shares", await listShares({ ctx: requestContext(c), input: { maxResults: q.max_results, pageToken: q.page_token } }));
    },
  );
  app.openapi(
    createRoute({
      method: "get",
      path: "/shares/{name}",
      tags,
      summary: "Get a share, with its data objects when include_shared_data=true",
      request: { params: NameParam, query: z.object({ include_shared_data: z.enum(["true", "false"]).optional() }) },
      responses: ok(ShareInfo),
    }),
    async (c) => respond(c, await getShare({ ctx: requestContext(c), name: c.req.valid("param").name, includeSharedData: c.req.valid("query").include_shared_data === "true" })),
  );
  app.openapi(
    createRoute({ method: "patch", path: "/shares/{name}", tags, summary: "Update a share: add, remove or update data objects; comment, owner, name", request: { params: NameParam, body: jsonBody(UpdateShare) }, responses: ok(ShareInfo) }),
    async (c) => respond(c, await updateShare({ ctx: requestContext(c), name: c.req.valid("param").name, input: c.req.valid("json") as never })),
  );
  app.openapi(
    createRoute({ method: "delete", path: "/shares/{name}", tags, summary: "Delete a share", request: { params: NameParam }, responses: ok(EmptyBody) }),
    async (c) => {
      await deleteShare({ ctx: requestContext(c), name: c.req.valid("param").name });
      return respond(c, {});
    },
  );
  app.openapi(
    createRoute({ method: "get", path: "/shares/{name}/permissions", tags, summary: "Recipients granted the share", request: { params: NameParam }, responses: ok(SharePermissions) }),
    async (c) => respond(c, await getSharePermissions({ ctx: requestContext(c), name: c.req.valid("param").name })),
  );
  app.openapi(
    createRoute({ method: "patch", path: "/shares/{name}/permissions", tags, summary: "Grant or revoke SELECT on the share to recipients", request: { params: NameParam, body: jsonBody(UpdateSharePermissions) }, responses: ok(SharePermissions) }),
    async (c) => respond(c, await updateSharePermissions({ ctx: requestContext(c), name: c.req.valid("param").name, changes: c.req.valid("json").changes })),
  );
}
