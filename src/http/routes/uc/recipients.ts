import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../env";
import { requestContext } from "../../env";
import { EmptyBody, PagingQuery, jsonBody, nullable, ok } from "../../schemas/common";
import { listOf } from "../../schemas/uc";
import { createRecipient, deleteRecipient, getRecipient, listRecipients, rotateRecipientToken, updateRecipient } from "../../../sharing/recipients/recipients";
import { getRecipientSharePermissions } from "../../../sharing/shares/permissions";
import { respond, respondPage } from "./respond";

const tags = ["Recipients"];
const NameParam = z.object({ name: z.string() });
const Properties = z.object({ properties: z.record(z.string(), z.string()).optional() });
const IpAccessList = z.object({ allowed_ip_addresses: z.array(z.string()).optional() });

const TokenInfo = z.object({
  id: z.string().uuid(),
  created_at: z.number().int(),
  created_by: z.string(),
  updated_at: z.number().int(),
  updated_by: z.string(),
  expiration_time: z.number().int().nullable(),
  activation_url: z.string().optional(),
});
const RecipientInfo = z
  .object({
    name: z.string(),
    id: z.string().uuid(),
    metastore_id: z.string().uuid(),
    owner: z.string(),
    comment: z.string().nullable(),
    authentication_type: z.enum(["TOKEN", "DATABRICKS"]),
    data_recipient_global_metastore_id: z.string().optional(),
    activated: z.boolean(),
    activation_url: z.string().optional().openapi({ description: "Only in the create and rotate-token answers: codes are stored hashed." }),
    ip_access_list: IpAccessList.optional(),
    properties_kvpairs: Properties,
    tokens: z.array(TokenInfo),
    created_at: z.number().int(),
    created_by: z.string(),
    updated_at: z.number().int().nullable(),
    updated_by: z.string().nullable(),
  })
  .openapi("RecipientInfo");

const CreateRecipient = z
  .object({
    name: z.string(),
    authentication_type: z.enum(["TOKEN", "DATABRICKS"]).optional(),
    comment: nullable(z.string()),
    data_recipient_global_metastore_id: nullable(z.string()),
    properties_kvpairs: Properties.nullable().optional(),
    ip_access_list: IpAccessList.nullable().optional(),
    expiration_time: z.number().int().nullable().optional(),
  })
  .openapi("CreateRecipient");
const UpdateRecipient = z
  .object({
    new_name: z.string().optional(),
    comment: nullable(z.string()),
    owner: z.string().optional(),
    properties_kvpairs: Properties.nullable().optional(),
    ip_access_list: IpAccessList.nullable().optional(),
  })
  .openapi("UpdateRecipient");
const RotateToken = z.object({ existing_token_expire_in_seconds: z.number().int() }).openapi("RotateRecipientToken");
const SharePermissionsOut = z
  .object({ permissions_out: z.array(z.object({ share_name: z.string(), privilege_assignments: z.array(z.object({ principal: z.string(), privileges: z.array(z.string()) })) })) })
  .openapi("GetRecipientSharePermissionsResponse");

/** Databricks' recipients API (issue 8 §2). */
export function recipientRoutes(app: OpenAPIHono<AppEnv>): void {
  const origin = (url: string) => new URL(url).origin;
  app.openapi(
    createRoute({ method: "post", path: "/recipients", tags, summary: "Create a recipient (open sharing: with a one-time activation link)", request: { body: jsonBody(CreateRecipient) }, responses: ok(RecipientInfo) }),
    async (c) => respond(c, await createRecipient({ ctx: requestContext(c), input: c.req.valid("json"), origin: origin(c.req.url) })),
  );
  app.openapi(
    createRoute({ method: "get", path: "/recipients", tags, summary: "List recipients", request: { query: PagingQuery }, responses: ok(listOf("recipients", RecipientInfo, "ListRecipientsResponse")) }),
    async (c) => {
      const q = c.req.valid("query");
      return respondPage(c, "recipients", await listRecipients({ ctx: requestContext(c), input: { maxResults: q.max_results, pageToken: q.page_token } }));
    },
  );
  app.openapi(
    createRoute({ method: "get", path: "/recipients/{name}", tags, summary: "Get a recipient", request: { params: NameParam }, responses: ok(RecipientInfo) }),
    async (c) => respond(c, await getRecipient({ ctx: requestContext(c), name: c.req.valid("param").name })),
  );
  app.openapi(
    createRoute({ method: "patch", path: "/recipients/{name}", tags, summary: "Update a recipient: comment, owner, name, properties, IP access list", request: { params: NameParam, body: jsonBody(UpdateRecipient) }, responses: ok(RecipientInfo) }),
    async (c) => respond(c, await updateRecipient({ ctx: requestContext(c), name: c.req.valid("param").name, input: c.req.valid("json") })),
  );
  app.openapi(
    createRoute({ method: "delete", path: "/recipients/{name}", tags, summary: "Delete a recipient", request: { params: NameParam }, responses: ok(EmptyBody) }),
    async (c) => {
      await deleteRecipient({ ctx: requestContext(c), name: c.req.valid("param").name });
      return respond(c, {});
    },
  );
  app.openapi(
    createRoute({ method: "post", path: "/recipients/{name}/rotate-token", tags, summary: "Rotate the recipient's token, keeping the old one for a grace period", request: { params: NameParam, body: jsonBody(RotateToken) }, responses: ok(RecipientInfo) }),
    async (c) =>
      respond(c, await rotateRecipientToken({ ctx: requestContext(c), name: c.req.valid("param").name, existingTokenExpireInSeconds: c.req.valid("json").existing_token_expire_in_seconds, origin: origin(c.req.url) })),
  );
  app.openapi(
    createRoute({ method: "get", path: "/recipients/{name}/share-permissions", tags, summary: "Shares granted to the recipient", request: { params: NameParam }, responses: ok(SharePermissionsOut) }),
    async (c) => respond(c, await getRecipientSharePermissions({ ctx: requestContext(c), name: c.req.valid("param").name })),
  );
}
