import { z } from "@hono/zod-openapi";

/**
 * SCIM bodies are validated loosely here: attribute names are case-insensitive (RFC 7643
 * §2.1), so "UserName" is as good as "userName", and the domain (src/auth/scim/desired.ts)
 * checks required attributes whatever their case. These schemas document the shapes.
 */
const Ref = z.object({ value: z.string(), display: z.string().optional(), type: z.string().optional(), $ref: z.string().optional() }).passthrough();
// Read-only on output; clients (Entra) echo parts of it in requests, which are ignored.
const Meta = z.object({ resourceType: z.string(), created: z.string(), lastModified: z.string(), location: z.string(), version: z.string() }).partial().passthrough();
const Email = z.object({ value: z.string(), primary: z.boolean().optional(), type: z.string().optional() }).passthrough();

export const ScimUser = z
  .object({
    schemas: z.array(z.string()).optional(),
    id: z.string().optional(),
    userName: z.string().optional().openapi({ description: "The user's email; required (any case of the attribute name)." }),
    displayName: z.string().nullable().optional(),
    externalId: z.string().nullable().optional(),
    active: z.union([z.boolean(), z.string()]).optional(),
    emails: z.array(Email).optional(),
    name: z.object({ givenName: z.string().optional(), familyName: z.string().optional() }).passthrough().optional(),
    groups: z.array(Ref).optional().openapi({ description: "Read-only: direct groups." }),
    meta: Meta.optional(),
  })
  .passthrough()
  .openapi("ScimUser");

export const ScimGroup = z
  .object({
    schemas: z.array(z.string()).optional(),
    id: z.string().optional(),
    displayName: z.string().optional().openapi({ description: "The group's name; required." }),
    externalId: z.string().nullable().optional(),
    members: z.array(Ref).optional().openapi({ description: "Users, service principals and groups, by id in `value`." }),
    meta: Meta.optional(),
  })
  .passthrough()
  .openapi("ScimGroup");

export const ScimServicePrincipal = z
  .object({
    schemas: z.array(z.string()).optional(),
    id: z.string().optional(),
    applicationId: z.string().optional().openapi({ description: "A UUID; generated when absent; the principal's name." }),
    displayName: z.string().nullable().optional(),
    externalId: z.string().nullable().optional(),
    active: z.union([z.boolean(), z.string()]).optional(),
    groups: z.array(Ref).optional(),
    meta: Meta.optional(),
  })
  .passthrough()
  .openapi("ScimServicePrincipal");

export const PatchRequest = z
  .object({
    schemas: z.array(z.string()).optional(),
    Operations: z
      .array(z.object({ op: z.string(), path: z.string().optional(), value: z.unknown().optional() }).passthrough())
      .optional()
      .openapi({ description: "add / remove / replace, in any case; required." }),
  })
  .passthrough()
  .openapi("ScimPatchOp");

export const ListQuery = z.object({
  filter: z.string().max(4096).optional().openapi({ description: 'e.g. userName eq "ann@example.com"' }),
  startIndex: z.coerce.number().int().optional().openapi({ description: "1-based index of the first result." }),
  count: z.coerce.number().int().optional().openapi({ description: "Page size (default 100, at most 1000)." }),
  attributes: z.string().optional(),
  excludedAttributes: z.string().optional(),
});

export const ProjectionQuery = ListQuery.pick({ attributes: true, excludedAttributes: true });

export const ScimErrorSchema = z
  .object({ schemas: z.array(z.string()), status: z.string(), scimType: z.string().optional(), detail: z.string() })
  .openapi("ScimError");

export const listResponseOf = <T extends z.ZodTypeAny>(item: T, name: string) =>
  z
    .object({ schemas: z.array(z.string()), totalResults: z.number().int(), itemsPerPage: z.number().int(), startIndex: z.number().int(), Resources: z.array(item) })
    .openapi(name);

export const IdParam = z.object({ id: z.string() });

export const CreatedSecret = z
  .object({ client_id: z.string(), secret: z.string(), status: z.literal("ACTIVE"), create_time: z.number().int() })
  .openapi("ServicePrincipalSecret");

const scimContent = <T extends z.ZodTypeAny>(schema: T) => ({ "application/scim+json": { schema }, "application/json": { schema } });

/** A SCIM request body: either JSON media type. */
export const scimBody = <T extends z.ZodTypeAny>(schema: T) => ({ content: { "application/json": { schema } }, required: true });

const scimErrorResponse = (description: string) => ({ description, content: scimContent(ScimErrorSchema) });
const errors = {
  400: scimErrorResponse("Invalid request (scimType says why)"),
  401: scimErrorResponse("Unauthenticated"),
  403: scimErrorResponse("Not a metastore admin"),
  404: scimErrorResponse("No such resource"),
  409: scimErrorResponse("Name already taken"),
};

/** Responses of a SCIM route: `status` with `schema`, plus SCIM errors. */
export const scimResponses = <T extends z.ZodTypeAny>(status: 200 | 201, schema: T) => ({
  [status]: { description: status === 201 ? "Created" : "OK", content: scimContent(schema) },
  ...errors,
});

export const noContent = { 204: { description: "Deleted" }, ...errors };
