import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../env";
import { routeGroup } from "../../../app";
import { authenticate } from "../../middleware/authenticate";
import type { BearerAuthenticator } from "../../../auth/authenticate";
import { scimResourceRoutes } from "./resources";
import { scimExtraRoutes } from "./me";
import { scimError } from "./scim-errors";

/** Unity Catalog OSS serves SCIM here; Databricks workspaces at the second prefix. */
export const SCIM_PREFIXES = ["/api/1.0/unity-control/scim2", "/api/2.0/preview/scim/v2"] as const;

/**
 * SCIM 2.0 (issue 3 §5) for one prefix: every route authenticated, every error in the SCIM
 * error schema with the SCIM status table.
 */
export function scimApi(authenticators: readonly BearerAuthenticator[], prefix: string): OpenAPIHono<AppEnv> {
  const scim = routeGroup();
  scim.use("*", authenticate(authenticators));
  scimExtraRoutes(scim, prefix);
  scimResourceRoutes(scim, prefix);
  scim.onError((err, c) => {
    const { status, body } = scimError(err);
    return c.json(body, status as 400, { "Content-Type": "application/scim+json" });
  });
  return scim;
}
