import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../env";
import { requestContext } from "../../env";
import { ok } from "../../schemas/common";
import { metastoreSummary } from "../../../catalog/metastore";
import { respond } from "./respond";

const Summary = z
  .object({ metastore_id: z.string().uuid(), name: z.string(), storage_root: z.string().nullable(), owner: z.string(), created_at: z.number().int() })
  .openapi("GetMetastoreSummaryResponse");

export function metastoreRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(
    createRoute({ method: "get", path: "/metastore_summary", tags: ["Metastores"], summary: "The metastore this service serves", responses: ok(Summary) }),
    async (c) => respond(c, await metastoreSummary({ ctx: requestContext(c) })),
  );
}
