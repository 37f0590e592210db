import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import type { AppEnv } from "./http/env";
import type { Services } from "./services";
import { requestId } from "./http/middleware/request-id";
import { authenticate } from "./http/middleware/authenticate";
import type { BearerAuthenticator } from "./auth/authenticate";
import { defaultAuthenticators } from "./auth/bearer-authenticators";
import { mountIdentityRoutes } from "./http/routes/auth/index";
import { ucError } from "./http/uc-errors";
import { asLakewardError, routeGroup } from "./http/route-group";
import { LakewardError } from "./errors";
import { catalogRoutes } from "./http/routes/uc/catalogs";
import { schemaRoutes } from "./http/routes/uc/schemas";
import { tableRoutes } from "./http/routes/uc/tables";
import { volumeRoutes } from "./http/routes/uc/volumes";
import { functionRoutes } from "./http/routes/uc/functions";
import { metastoreRoutes } from "./http/routes/uc/metastore";
import { permissionRoutes } from "./http/routes/uc/permissions";
import { credentialRoutes } from "./http/routes/uc/credentials";
import { externalLocationRoutes } from "./http/routes/uc/external-locations";
import { temporaryCredentialRoutes } from "./http/routes/uc/temporary-credentials";
import { statementApi } from "./http/routes/statements";
import { shareRoutes } from "./http/routes/uc/shares";
import { recipientRoutes } from "./http/routes/uc/recipients";
import { sharingActivationApi } from "./http/routes/sharing/activation";
import { deltaSharingApi } from "./http/routes/sharing/index";

export interface AppOptions {
  /** Bearer-token authenticators, tried in order (PATs, Lakeward JWTs, OIDC JWTs by default). */
  authenticators?: readonly BearerAuthenticator[];
}

export const UC_PREFIX = "/api/2.1/unity-catalog";

export { routeGroup, asLakewardError } from "./http/route-group";

/** Unity Catalog REST API v2.1 (issue 2 §4). */
export function unityCatalogApi(authenticators: readonly BearerAuthenticator[]): OpenAPIHono<AppEnv> {
  const uc = routeGroup();
  uc.use("*", authenticate(authenticators));
  for (const register of [metastoreRoutes, catalogRoutes, schemaRoutes, tableRoutes, volumeRoutes, functionRoutes, permissionRoutes, credentialRoutes, externalLocationRoutes, temporaryCredentialRoutes, shareRoutes, recipientRoutes]) register(uc);
  uc.onError((err, c) => {
    const { status, body } = ucError(asLakewardError(err));
    return c.json(body, status as 400);
  });
  return uc;
}

/** createApp(services): mounts every route group (DESIGN §2). */
export function createApp(services: Services, options: AppOptions = {}): OpenAPIHono<AppEnv> {
  const authenticators = options.authenticators ?? defaultAuthenticators;
  const app = new OpenAPIHono<AppEnv>();
  app.use("*", requestId);
  app.use("*", async (c, next) => {
    c.set("services", services);
    await next();
  });
  app.openapi(
    createRoute({
      method: "get",
      path: "/healthz",
      tags: ["Health"],
      summary: "Liveness; needs no token",
      security: [],
      responses: { 200: { description: "Up", content: { "application/json": { schema: z.object({ status: z.literal("ok") }) } } } },
    }),
    (c) => c.json({ status: "ok" as const }, 200),
  );
  // Public activation links answer before the authenticated UC group (issue 8 §2).
  app.route(`${UC_PREFIX}/public`, sharingActivationApi());
  app.route(UC_PREFIX, unityCatalogApi(authenticators));
  // Delta Sharing for external recipients: its own authenticator and error format (issue 8 §3).
  app.route("/delta-sharing", deltaSharingApi());
  mountIdentityRoutes(app, authenticators);
  app.route("/api/2.0/sql/statements", statementApi(authenticators));
  app.notFound((c) => {
    const { body } = ucError(new LakewardError("NOT_FOUND", `No API at ${c.req.method} ${new URL(c.req.url).pathname}.`));
    return c.json(body, 404);
  });
  app.onError((err, c) => {
    const { status, body } = ucError(asLakewardError(err));
    return c.json(body, status as 400);
  });
  return app;
}
