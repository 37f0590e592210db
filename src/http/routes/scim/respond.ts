import type { Context } from "hono";
import type { AppEnv } from "../../env";
import type { ScimResource } from "../../../auth/scim/resources";

/**
 * SCIM answers in `application/scim+json` (RFC 7644 §3.1). Typed `never`: SCIM resources are
 * open-ended JSON, so the route's documented schema cannot type the handler's result.
 */
export const scimJson = (c: Context<AppEnv>, body: unknown, status: 200 | 201 = 200, headers: Record<string, string> = {}): never =>
  c.json(body as never, status, { "Content-Type": "application/scim+json", ...headers }) as never;

/** Where this SCIM endpoint lives: the public URL when configured, else the request's origin. */
export function scimBase(c: Context<AppEnv>, prefix: string): string {
  const origin = c.get("services").config.publicUrl?.replace(/\/+$/, "") ?? new URL(c.req.url).origin;
  return `${origin}${prefix}`;
}

const PATH_OF = { User: "Users", Group: "Groups", ServicePrincipal: "ServicePrincipals" } as const;

/** Adds `meta.location` and `$ref`s, which depend on which of the two SCIM prefixes was used. */
export function located(resource: ScimResource, base: string): ScimResource {
  const meta = resource.meta as { resourceType: keyof typeof PATH_OF } | undefined;
  if (!meta) return resource;
  const withRefs = (list: unknown) =>
    Array.isArray(list) ? list.map((r: { value: string; type?: keyof typeof PATH_OF }) => (r.type ? { ...r, $ref: `${base}/${PATH_OF[r.type]}/${r.value}` } : r)) : list;
  return {
    ...resource,
    ...(resource.members !== undefined ? { members: withRefs(resource.members) } : {}),
    ...(resource.groups !== undefined ? { groups: withRefs(resource.groups) } : {}),
    meta: { ...meta, location: `${base}/${PATH_OF[meta.resourceType]}/${resource.id}` },
  };
}

/** Splits a comma-separated attribute list. */
export const attributeList = (text: string | undefined) => text?.split(",").map((s) => s.trim()).filter(Boolean);
