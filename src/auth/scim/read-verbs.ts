import { and, asc, count, eq, sql } from "drizzle-orm";
import type { RequestContext } from "../../context";
import { principals } from "../../../schema/index";
import { auditedRead } from "../../audit/audited";
import { requireMetastoreAdmin } from "../admin";
import { ACCOUNTS_SERVICE } from "../sign-in-audit";
import { findPrincipalById } from "../principals";
import { unauthenticated } from "../../errors";
import { parseFilter } from "./filter";
import { filterToSql } from "./filter-sql";
import { project, renderAll, type ScimResource } from "./resources";
import { loadResourceRow } from "./lookup";
import { KIND_OF, LIST_RESPONSE_SCHEMA, type ScimResourceType } from "./schemas";

/** Page size when `count` is absent, and the most one page holds. */
export const DEFAULT_COUNT = 100;
export const MAX_COUNT = 1000;

export interface Projection {
  attributes?: string[];
  excludedAttributes?: string[];
}

export interface ListInput extends Projection {
  type: ScimResourceType;
  filter?: string;
  startIndex?: number;
  count?: number;
}

/** RFC 7644 §3.4.2 ListResponse. */
export interface ListResponse {
  schemas: string[];
  totalResults: number;
  itemsPerPage: number;
  startIndex: number;
  Resources: ScimResource[];
}

/**
 * SCIM GET on a collection (metastore admins): the filter becomes SQL, paging is 1-based
 * `startIndex`/`count` over a stable order (name, then id).
 */
export async function listScimResources({ ctx, input }: { ctx: RequestContext; input: ListInput }): Promise<ListResponse> {
  return auditedRead(ctx, { name: `list${input.type}s`, service: ACCOUNTS_SERVICE, params: { filter: input.filter } }, async (db) => {
    await requireMetastoreAdmin(ctx);
    const where = and(eq(principals.kind, KIND_OF[input.type]), input.filter ? filterToSql(parseFilter(input.filter), input.type) : undefined);
    const startIndex = Math.max(1, Math.floor(input.startIndex ?? 1));
    const size = Math.min(MAX_COUNT, Math.max(0, Math.floor(input.count ?? DEFAULT_COUNT)));
    const [{ total }] = (await db.select({ total: count() }).from(principals).where(where)) as [{ total: number }];
    const rows = size === 0 ? [] : await db.select().from(principals).where(where).orderBy(asc(sql`lower(${principals.name})`), asc(principals.id)).offset(startIndex - 1).limit(size);
    const withMembers = !excludes(input, "members");
    const resources = (await renderAll(db, rows, { members: withMembers })).map((r) => project(r, input.attributes, input.excludedAttributes));
    return { schemas: [LIST_RESPONSE_SCHEMA], totalResults: Number(total), itemsPerPage: resources.length, startIndex, Resources: resources };
  });
}

/** SCIM GET of one resource: metastore admins, or the principal itself. */
export async function getScimResource({ ctx, input }: { ctx: RequestContext; input: Projection & { type: ScimResourceType; id: string } }): Promise<ScimResource> {
  return auditedRead(ctx, { name: `get${input.type}`, service: ACCOUNTS_SERVICE, params: { id: input.id } }, async (db) => {
    if (input.id !== ctx.principal.id) await requireMetastoreAdmin(ctx);
    const row = await loadResourceRow(db, input.type, input.id);
    const [resource] = await renderAll(db, [row], { members: !excludes(input, "members") });
    return project(resource!, input.attributes, input.excludedAttributes);
  });
}

/** SCIM `/Me`: the caller's own user or service principal resource (any authenticated caller). */
export async function getMe({ ctx }: { ctx: RequestContext }): Promise<ScimResource> {
  return auditedRead(ctx, { name: "getMe", service: ACCOUNTS_SERVICE }, async (db) => {
    const row = await findPrincipalById(db, ctx.principal.id);
    if (!row) throw unauthenticated();
    return (await renderAll(db, [row]))[0]!;
  });
}

function excludes(p: Projection, attr: string): boolean {
  if (p.attributes && p.attributes.length > 0) return !p.attributes.some((a) => a.toLowerCase().split(".")[0] === attr);
  return (p.excludedAttributes ?? []).some((a) => a.toLowerCase() === attr);
}
