import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../env";
import type { BearerAuthenticator } from "../../../auth/authenticate";
import { scimApi, SCIM_PREFIXES } from "../scim/index";
import { tokenExchangeApi } from "./token-exchange";
import { sessionApi } from "./session";
import { personalTokenApi } from "./personal-tokens";
import { oauthTokenApi } from "./oauth-token";
import { jwksApi } from "./jwks";

/**
 * Mounts the identity route groups (issue 3), each with its own wire format: OAuth for the
 * token endpoints, Databricks 2.0 for PATs, SCIM for SCIM, Unity Catalog for the rest.
 */
export function mountIdentityRoutes(app: OpenAPIHono<AppEnv>, authenticators: readonly BearerAuthenticator[]): void {
  app.route("/api/1.0/unity-control/auth", tokenExchangeApi());
  app.route("/api/1.0/unity-control/auth", sessionApi(authenticators));
  for (const prefix of SCIM_PREFIXES) app.route(prefix, scimApi(authenticators, prefix));
  app.route("/api/2.0/token", personalTokenApi(authenticators));
  app.route("/oidc/v1", oauthTokenApi());
  app.route("/.well-known", jwksApi());
}
