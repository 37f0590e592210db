import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../env";
import { requestContext } from "../../env";
import { getMe } from "../../../auth/scim/read-verbs";
import { createServicePrincipalSecret, deleteServicePrincipalSecret } from "../../../auth/scim/sp-secrets";
import { CreatedSecret, IdParam, ScimUser, noContent, scimResponses } from "./schemas";
import { located, scimBase, scimJson } from "./respond";

/** Static facts for SCIM clients (RFC 7643 §5): what this server supports. */
const SERVICE_PROVIDER_CONFIG = {
  schemas: ["urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"],
  documentationUri: "https://github.com/lakeward/lakeward/blob/main/docs/identity.md",
  patch: { supported: true },
  bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
  filter: { supported: true, maxResults: 1000 },
  changePassword: { supported: false },
  sort: { supported: false },
  etag: { supported: false },
  authenticationSchemes: [{ type: "oauthbearertoken", name: "OAuth Bearer Token", description: "A Lakeward personal access token or JWT", primary: true }],
};

/** `/Me`, `/ServiceProviderConfig` and service principal secrets. */
export function scimExtraRoutes(app: OpenAPIHono<AppEnv>, prefix: string): void {
  app.openapi(
    createRoute({ method: "get", path: "/Me", tags: ["SCIM Me"], summary: "The caller's own user or service principal", responses: scimResponses(200, ScimUser) }),
    async (c) => scimJson(c, located(await getMe({ ctx: requestContext(c) }), scimBase(c, prefix))),
  );
  app.openapi(
    createRoute({
      method: "get",
      path: "/ServiceProviderConfig",
      tags: ["SCIM Me"],
      summary: "What this SCIM server supports",
      responses: scimResponses(200, z.object({ schemas: z.array(z.string()) }).passthrough().openapi("ScimServiceProviderConfig")),
    }),
    (c) => scimJson(c, SERVICE_PROVIDER_CONFIG),
  );
  app.openapi(
    createRoute({
      method: "post",
      path: "/ServicePrincipals/{id}/secrets",
      tags: ["SCIM ServicePrincipals"],
      summary: "Create an OAuth client secret (replaces any previous one; shown once)",
      request: { params: IdParam },
      responses: scimResponses(200, CreatedSecret),
    }),
    async (c) => scimJson(c, await createServicePrincipalSecret({ ctx: requestContext(c), input: { id: c.req.valid("param").id } }), 200, { "Cache-Control": "no-store" }),
  );
  app.openapi(
    createRoute({
      method: "delete",
      path: "/ServicePrincipals/{id}/secrets",
      tags: ["SCIM ServicePrincipals"],
      summary: "Remove the OAuth client secret",
      request: { params: IdParam },
      responses: noContent,
    }),
    async (c) => {
      await deleteServicePrincipalSecret({ ctx: requestContext(c), input: { id: c.req.valid("param").id } });
      return c.body(null, 204);
    },
  );
}
