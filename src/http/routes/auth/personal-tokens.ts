import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../env";
import { requestContext } from "../../env";
import { routeGroup } from "../../../app";
import { authenticate } from "../../middleware/authenticate";
import type { BearerAuthenticator } from "../../../auth/authenticate";
import { createPersonalToken, deletePersonalToken, listPersonalTokens } from "../../../auth/personal-tokens";
import { jsonBody } from "../../schemas/common";
import { databricksError } from "./databricks-errors";

const tags = ["Token"];
const TokenInfo = z
  .object({ token_id: z.string(), creation_time: z.number().int(), expiry_time: z.number().int().openapi({ description: "Epoch ms; -1 when it never expires." }), comment: z.string() })
  .openapi("PublicTokenInfo");
const CreateRequest = z
  .object({
    lifetime_seconds: z.number().int().nullable().optional().openapi({ description: "Absent or 0: no expiry (or the configured maximum)." }),
    comment: z.string().max(1024).nullable().optional(),
  })
  .openapi("CreateTokenRequest");
const CreateResponse = z.object({ token_value: z.string(), token_info: TokenInfo }).openapi("CreateTokenResponse");
const DeleteRequest = z.object({ token_id: z.string() }).openapi("RevokeTokenRequest");
const DatabricksError = z.object({ error_code: z.string(), message: z.string() }).openapi("DatabricksError");

const errors = Object.fromEntries(
  ([[400, "Invalid parameter"], [401, "Unauthenticated"], [404, "No such token"]] as const).map(([s, d]) => [s, { description: d, content: { "application/json": { schema: DatabricksError } } }]),
) as Record<400 | 401 | 404, { description: string; content: { "application/json": { schema: typeof DatabricksError } } }>;
const ok = <T extends z.ZodTypeAny>(schema: T) => ({ 200: { description: "OK", content: { "application/json": { schema } } }, ...errors });

/** Databricks' token API at `/api/2.0/token` (issue 3 §3): the caller's own PATs. */
export function personalTokenApi(authenticators: readonly BearerAuthenticator[]): OpenAPIHono<AppEnv> {
  const api = routeGroup();
  api.use("*", authenticate(authenticators));
  api.openapi(
    createRoute({ method: "post", path: "/create", tags, summary: "Create a personal access token (its value is shown once)", request: { body: jsonBody(CreateRequest) }, responses: ok(CreateResponse) }),
    async (c) => {
      const body = c.req.valid("json");
      const created = await createPersonalToken({ ctx: requestContext(c), input: { lifetimeSeconds: body.lifetime_seconds, comment: body.comment } });
      return c.json(created, 200, { "Cache-Control": "no-store" });
    },
  );
  api.openapi(
    createRoute({ method: "get", path: "/list", tags, summary: "List the caller's tokens", responses: ok(z.object({ token_infos: z.array(TokenInfo) }).openapi("ListPublicTokensResponse")) }),
    async (c) => c.json({ token_infos: await listPersonalTokens({ ctx: requestContext(c) }) }, 200),
  );
  api.openapi(
    createRoute({ method: "post", path: "/delete", tags, summary: "Revoke one of the caller's tokens", request: { body: jsonBody(DeleteRequest) }, responses: ok(z.object({}).openapi("RevokeTokenResponse")) }),
    async (c) => {
      await deletePersonalToken({ ctx: requestContext(c), input: { tokenId: c.req.valid("json").token_id } });
      return c.json({}, 200);
    },
  );
  api.onError((err, c) => {
    const { status, body } = databricksError(err);
    return c.json(body, status as 400);
  });
  return api;
}
