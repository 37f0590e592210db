import { createRoute, type OpenAPIHono, type z } from "@hono/zod-openapi";
import type { AppEnv } from "../../env";
import { requestContext } from "../../env";
import { createScimResource, deleteScimResource, patchScimResource, replaceScimResource } from "../../../auth/scim/write-verbs";
import { getScimResource, listScimResources } from "../../../auth/scim/read-verbs";
import { getAttr } from "../../../auth/scim/attributes";
import { scimInvalid } from "../../../auth/scim/errors";
import type { PatchOperation } from "../../../auth/scim/patch";
import type { ScimResourceType } from "../../../auth/scim/schemas";
import { IdParam, ListQuery, PatchRequest, ProjectionQuery, ScimGroup, ScimServicePrincipal, ScimUser, listResponseOf, noContent, scimBody, scimResponses } from "./schemas";
import { attributeList, located, scimBase, scimJson } from "./respond";

const RESOURCES: { type: ScimResourceType; path: string; schema: z.ZodTypeAny }[] = [
  { type: "User", path: "/Users", schema: ScimUser },
  { type: "Group", path: "/Groups", schema: ScimGroup },
  { type: "ServicePrincipal", path: "/ServicePrincipals", schema: ScimServicePrincipal },
];

/** The PatchOp `Operations` list, found whatever the case of its name. */
function operationsOf(body: Record<string, unknown>): PatchOperation[] {
  const ops = getAttr(body, "Operations");
  if (!Array.isArray(ops) || ops.length === 0) throw scimInvalid("invalidSyntax", "A PatchOp needs a non-empty Operations list.");
  return ops.map((o) => {
    if (o === null || typeof o !== "object") throw scimInvalid("invalidSyntax", "Each operation must be an object.");
    const op = getAttr(o, "op");
    const path = getAttr(o, "path");
    if (typeof op !== "string") throw scimInvalid("invalidSyntax", "Each operation needs an op.");
    if (path !== undefined && path !== null && typeof path !== "string") throw scimInvalid("invalidPath", "path must be a string.");
    return { op, path: path ?? undefined, value: getAttr(o, "value") } as PatchOperation;
  });
}

/** CRUD for Users, Groups and ServicePrincipals (RFC 7644 §3), the same for all three. */
export function scimResourceRoutes(app: OpenAPIHono<AppEnv>, prefix: string): void {
  for (const { type, path, schema } of RESOURCES) {
    const tags = [`SCIM ${path.slice(1)}`];
    app.openapi(
      createRoute({ method: "get", path, tags, summary: `List or filter ${path.slice(1)}`, request: { query: ListQuery }, responses: scimResponses(200, listResponseOf(schema, `Scim${type}List`)) }),
      async (c) => {
        const q = c.req.valid("query");
        const list = await listScimResources({ ctx: requestContext(c), input: { type, filter: q.filter, startIndex: q.startIndex, count: q.count, attributes: attributeList(q.attributes), excludedAttributes: attributeList(q.excludedAttributes) } });
        const base = scimBase(c, prefix);
        return scimJson(c, { ...list, Resources: list.Resources.map((r) => located(r, base)) });
      },
    );
    app.openapi(
      createRoute({ method: "post", path, tags, summary: `Create a ${type}`, request: { body: scimBody(schema) }, responses: scimResponses(201, schema) }),
      async (c) => {
        const created = located(await createScimResource({ ctx: requestContext(c), input: { type, body: c.req.valid("json") } }), scimBase(c, prefix));
        return scimJson(c, created, 201, { Location: (created.meta as { location: string }).location });
      },
    );
    app.openapi(
      createRoute({ method: "get", path: `${path}/{id}`, tags, summary: `Get a ${type}`, request: { params: IdParam, query: ProjectionQuery }, responses: scimResponses(200, schema) }),
      async (c) => {
        const q = c.req.valid("query");
        const input = { type, id: c.req.valid("param").id, attributes: attributeList(q.attributes), excludedAttributes: attributeList(q.excludedAttributes) };
        return scimJson(c, located(await getScimResource({ ctx: requestContext(c), input }), scimBase(c, prefix)));
      },
    );
    app.openapi(
      createRoute({ method: "put", path: `${path}/{id}`, tags, summary: `Replace a ${type}`, request: { params: IdParam, body: scimBody(schema) }, responses: scimResponses(200, schema) }),
      async (c) => {
        const input = { type, id: c.req.valid("param").id, body: c.req.valid("json") };
        return scimJson(c, located(await replaceScimResource({ ctx: requestContext(c), input }), scimBase(c, prefix)));
      },
    );
    app.openapi(
      createRoute({ method: "patch", path: `${path}/{id}`, tags, summary: `Patch a ${type} (PatchOp)`, request: { params: IdParam, body: scimBody(PatchRequest) }, responses: scimResponses(200, schema) }),
      async (c) => {
        const input = { type, id: c.req.valid("param").id, operations: operationsOf(c.req.valid("json")) };
        return scimJson(c, located(await patchScimResource({ ctx: requestContext(c), input }), scimBase(c, prefix)));
      },
    );
    app.openapi(
      createRoute({ method: "delete", path: `${path}/{id}`, tags, summary: `Delete a ${type}`, request: { params: IdParam }, responses: noContent }),
      async (c) => {
        await deleteScimResource({ ctx: requestContext(c), input: { type, id: c.req.valid("param").id } });
        return c.body(null, 204);
      },
    );
  }
}
