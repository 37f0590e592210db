import { OpenAPIHono } from "@hono/zod-openapi";
import { HTTPException } from "hono/http-exception";
import type { AppEnv } from "./http/env";
import type { Services } from "./services";
import { requestId } from "./http/middleware/request-id";
import { authenticate } from "./http/middleware/authenticate";
import { accessTokenAuthenticator, type BearerAuthenticator } from "./auth/authenticate";
import { fromZodError, ucError } from "./http/uc-errors";
import { LakewardError, invalidArgument } from "./errors";
import { catalogRoutes } from "./http/routes/uc/catalogs";
import { schemaRoutes } from "./http/routes/uc/schemas";
import { tableRoutes } from "./http/routes/uc/tables";
import { volumeRoutes } from "./http/routes/uc/volumes";
import { functionRoutes } from "./http/routes/uc/functions";
import { metastoreRoutes } from "./http/routes/uc/metastore";

export interface AppOptions {
  /** Bearer-token authenticators, tried in order (PATs by default). */
  authenticators?: readonly BearerAuthenticator[];
}

export const UC_PREFIX = "/api/2.1/unity-catalog";

/**
 * A route group whose input errors become LakewardErrors; `onError` renders them in the
 * group's wire format.
 */
export function routeGroup(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw fromZodError(result.error, result.target);
    },
  });
}

/** Unity Catalog REST API v2.1 (issue 2 §4). */
export function unityCatalogApi(authenticators: readonly BearerAuthenticator[]): OpenAPIHono<AppEnv> {
  const uc = routeGroup();
  uc.use("*", authenticate(authenticators));
  for (const register of [metastoreRoutes, catalogRoutes, schemaRoutes, tableRoutes, volumeRoutes, functionRoutes]) register(uc);
  uc.onError((err, c) => {
    const { status, body } = ucError(asLakewardError(err));
    return c.json(body, status as 400);
  });
  return uc;
}

/** createApp(services): mounts every route group (DESIGN §2). */
export function createApp(services: Services, options: AppOptions = {}): OpenAPIHono<AppEnv> {
  const authenticators = options.authenticators ?? [accessTokenAuthenticator];
  const app = new OpenAPIHono<AppEnv>();
  app.use("*", requestId);
  app.use("*", async (c, next) => {
    c.set("services", services);
    await next();
  });
  app.get("/healthz", (c) => c.json({ status: "ok" }));
  app.route(UC_PREFIX, unityCatalogApi(authenticators));
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

/** Errors from Hono itself (malformed JSON, ...) in our vocabulary; others are internal. */
export function asLakewardError(err: unknown): unknown {
  if (err instanceof LakewardError) return err;
  if (err instanceof HTTPException && err.status === 400) return invalidArgument(`Invalid request body: ${err.message}.`, { field: "body" });
  if (err instanceof HTTPException && err.status === 401) return new LakewardError("UNAUTHENTICATED", "Invalid or missing credentials.");
  console.error("lakeward: unexpected error", err);
  return err;
}
