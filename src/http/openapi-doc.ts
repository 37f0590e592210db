import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "./env";

/**
 * The OpenAPI 3.1 document of every route registered through @hono/zod-openapi, with bearer
 * authentication declared once. openapi/openapi.json is this, committed; a test fails on drift.
 */
export function buildOpenApiDocument(app: OpenAPIHono<AppEnv>, version: string) {
  app.openAPIRegistry.registerComponent("securitySchemes", "bearerAuth", { type: "http", scheme: "bearer" });
  return app.getOpenAPI31Document({
    openapi: "3.1.0",
    info: {
      title: "Lakeward",
      version,
      description: "Data catalog and governance service: Unity Catalog REST API, SQL statements, identity, Delta Sharing.",
    },
    security: [{ bearerAuth: [] }],
  });
}
