import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../env";
import { requestContext } from "../../env";
import { jsonBody, ok } from "../../schemas/common";
import { getPermissions, updatePermissions } from "../../../authz/permissions";
import { getEffectivePermissions } from "../../../authz/effective-permissions";
import { parseSecurableType } from "../../../catalog/any-securable";
import { respond } from "./respond";

const tags = ["Grants"];
const Params = z.object({ securable_type: z.string().openapi({ example: "table" }), full_name: z.string() });
const PrincipalQuery = z.object({ principal: z.string().optional() });

const PermissionsList = z
  .object({ privilege_assignments: z.array(z.object({ principal: z.string(), privileges: z.array(z.string()) })) })
  .openapi("PermissionsList");

const UpdatePermissions = z
  .object({
    changes: z.array(z.object({ principal: z.string(), add: z.array(z.string()).optional(), remove: z.array(z.string()).optional() })).min(1),
  })
  .openapi("UpdatePermissions");

const EffectivePermissionsList = z
  .object({
    privilege_assignments: z.array(
      z.object({
        principal: z.string(),
        privileges: z.array(z.object({ privilege: z.string(), inherited_from_type: z.string().optional(), inherited_from_name: z.string().optional() })),
      }),
    ),
  })
  .openapi("EffectivePermissionsList");

export function permissionRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(
    createRoute({ method: "get", path: "/permissions/{securable_type}/{full_name}", tags, summary: "Get grants on a securable", request: { params: Params, query: PrincipalQuery }, responses: ok(PermissionsList) }),
    async (c) => {
      const p = c.req.valid("param");
      return respond(c, await getPermissions({ ctx: requestContext(c), type: parseSecurableType(p.securable_type), fullName: p.full_name, principal: c.req.valid("query").principal }));
    },
  );
  app.openapi(
    createRoute({ method: "patch", path: "/permissions/{securable_type}/{full_name}", tags, summary: "Grant and revoke privileges", request: { params: Params, body: jsonBody(UpdatePermissions) }, responses: ok(PermissionsList) }),
    async (c) => {
      const p = c.req.valid("param");
      return respond(c, await updatePermissions({ ctx: requestContext(c), type: parseSecurableType(p.securable_type), fullName: p.full_name, changes: c.req.valid("json").changes }));
    },
  );
  app.openapi(
    createRoute({
      method: "get",
      path: "/effective-permissions/{securable_type}/{full_name}",
      tags,
      summary: "Privileges in effect on a securable, with where each was granted (Databricks)",
      request: { params: Params, query: PrincipalQuery },
      responses: ok(EffectivePermissionsList),
    }),
    async (c) => {
      const p = c.req.valid("param");
      return respond(c, await getEffectivePermissions({ ctx: requestContext(c), type: parseSecurableType(p.securable_type), fullName: p.full_name, principal: c.req.valid("query").principal }));
    },
  );
}
