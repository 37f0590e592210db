import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../env";
import { routeGroup } from "../../../app";
import { issueClientCredentialsToken } from "../../../auth/client-credentials";
import { oauthFailure } from "../../../auth/oauth-failure";
import { basicCredentials, requestMeta } from "./meta";
import { oauthError } from "./oauth-errors";

const TokenForm = z
  .object({
    grant_type: z.string().openapi({ example: "client_credentials" }),
    scope: z.string().optional().openapi({ example: "all-apis" }),
    client_id: z.string().optional().openapi({ description: "The service principal's applicationId, when not sent with HTTP Basic." }),
    client_secret: z.string().optional(),
  })
  .openapi("ClientCredentialsRequest");

const TokenResponse = z
  .object({ access_token: z.string(), token_type: z.literal("Bearer"), expires_in: z.number().int(), scope: z.string() })
  .openapi("OAuthTokenResponse");

export const OAuthError = z.object({ error: z.string(), error_description: z.string() }).openapi("OAuthError");

/** `/oidc/v1/token`: OAuth M2M for service principals, Databricks' path (issue 3 §4). */
export function oauthTokenApi(): OpenAPIHono<AppEnv> {
  const api = routeGroup();
  api.openapi(
    createRoute({
      method: "post",
      path: "/token",
      tags: ["OAuth"],
      summary: "Client-credentials grant: a service principal's id and secret for a short-lived JWT",
      security: [],
      request: { body: { content: { "application/x-www-form-urlencoded": { schema: TokenForm } }, required: true } },
      responses: {
        200: { description: "Token", content: { "application/json": { schema: TokenResponse } } },
        400: { description: "OAuth error", content: { "application/json": { schema: OAuthError } } },
        401: { description: "invalid_client", content: { "application/json": { schema: OAuthError } } },
      },
    }),
    async (c) => {
      const form = c.req.valid("form");
      const basic = basicCredentials(c.req.header("authorization"));
      if (basic === "malformed") throw oauthFailure("invalid_client", "Client authentication failed.");
      // RFC 6749 §2.3: a client uses one authentication method per request.
      if (basic && form.client_secret !== undefined) {
        throw oauthFailure("invalid_request", "Send client credentials either with HTTP Basic or in the form, not both.");
      }
      const input = { grantType: form.grant_type, scope: form.scope, clientId: basic?.clientId ?? form.client_id, clientSecret: basic?.clientSecret ?? form.client_secret };
      const result = await issueClientCredentialsToken({ services: c.get("services"), meta: requestMeta(c), input });
      return c.json(result, 200, { "Cache-Control": "no-store", Pragma: "no-cache" });
    },
  );
  api.onError((err, c) => {
    const { status, body, headers } = oauthError(err);
    return c.json(body, status as 400, headers);
  });
  return api;
}
