import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../env";
import { routeGroup } from "../../../app";
import { exchangeToken, TOKEN_EXCHANGE_GRANT } from "../../../auth/token-exchange";
import { requestMeta } from "./meta";
import { oauthError } from "./oauth-errors";
import { OAuthError } from "./oauth-token";

const ExchangeForm = z
  .object({
    grant_type: z.string().openapi({ example: TOKEN_EXCHANGE_GRANT }),
    subject_token: z.string().openapi({ description: "A JWT from an allow-listed identity provider." }),
    subject_token_type: z.string().openapi({ example: "urn:ietf:params:oauth:token-type:id_token" }),
    requested_token_type: z.string().optional(),
    scope: z.string().optional(),
    actor_token: z.string().optional().openapi({ description: "Not supported; refused." }),
    actor_token_type: z.string().optional(),
  })
  .openapi("TokenExchangeRequest");

const ExchangeResponse = z
  .object({ access_token: z.string(), issued_token_type: z.string(), token_type: z.literal("Bearer"), expires_in: z.number().int(), scope: z.string() })
  .openapi("OAuthTokenExchangeInfo");

/** `POST /api/1.0/unity-control/auth/tokens`: RFC 8693 token exchange, as Unity Catalog OSS. */
export function tokenExchangeApi(): OpenAPIHono<AppEnv> {
  const api = routeGroup();
  api.openapi(
    createRoute({
      method: "post",
      path: "/tokens",
      tags: ["Auth"],
      summary: "Exchange an identity provider's token for a Lakeward access token",
      security: [],
      request: { body: { content: { "application/x-www-form-urlencoded": { schema: ExchangeForm } }, required: true } },
      responses: {
        200: { description: "Token", content: { "application/json": { schema: ExchangeResponse } } },
        400: { description: "OAuth error", content: { "application/json": { schema: OAuthError } } },
      },
    }),
    async (c) => {
      const form = c.req.valid("form");
      const input = {
        grantType: form.grant_type,
        subjectToken: form.subject_token,
        subjectTokenType: form.subject_token_type,
        requestedTokenType: form.requested_token_type,
        actorToken: form.actor_token,
        scope: form.scope,
      };
      const result = await exchangeToken({ services: c.get("services"), meta: requestMeta(c), input });
      return c.json(result, 200, { "Cache-Control": "no-store", Pragma: "no-cache" });
    },
  );
  api.onError((err, c) => {
    const { status, body, headers } = oauthError(err);
    return c.json(body, status as 400, headers);
  });
  return api;
}
