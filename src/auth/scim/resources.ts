import { eq, inArray } from "drizzle-orm";
import type { Db } from "../../db/types";
import { groupMembers, principals } from "../../../schema/index";
import type { PrincipalRow } from "../principals";
import { canonicalName, isObject } from "./attributes";
import { ENTERPRISE_USER_SCHEMA, SCHEMA_OF, resourceTypeOf, type ScimResourceType } from "./schemas";

/** A SCIM resource as JSON. */
export type ScimResource = Record<string, unknown> & { id: string; schemas: string[] };

/** A reference to another principal inside a resource (`members`, `groups`). */
export interface Ref {
  value: string;
  display: string;
  type: ScimResourceType;
}

/** Attributes that live in columns or are computed, never in principals.attributes. */
export const COLUMN_ATTRIBUTES = new Set(["id", "schemas", "meta", "username", "displayname", "externalid", "active", "groups", "members", "applicationid", "password"]);

/** Keys in canonical case, recursively, so stored JSON filters and patches predictably. */
export function canonicalize(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonicalize);
  if (!isObject(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k.startsWith("urn:") ? k : canonicalName(k), canonicalize(v)]));
}

const iso = (ms: number) => new Date(ms).toISOString();

/** The SCIM representation of a principal, given its direct groups or members. */
export function toResource(row: PrincipalRow, refs: { groups?: Ref[]; members?: Ref[] }): ScimResource {
  const type = resourceTypeOf(row.kind);
  const stored = (row.attributes ?? {}) as Record<string, unknown>;
  const schemas = [SCHEMA_OF[type], ...(type === "User" && isObject(stored[ENTERPRISE_USER_SCHEMA]) ? [ENTERPRISE_USER_SCHEMA] : [])];
  const meta = { resourceType: type, created: iso(row.createdAt), lastModified: iso(row.updatedAt), version: `W/"${row.updatedAt}"` };
  const base = { schemas, id: row.id, ...(row.externalId !== null ? { externalId: row.externalId } : {}) };
  if (type === "Group") {
    return { ...base, displayName: row.name, ...stored, members: refs.members ?? [], meta } as ScimResource;
  }
  const names = type === "User" ? { userName: row.name, displayName: row.displayName ?? row.name } : { applicationId: row.name, displayName: row.displayName ?? row.name };
  return { ...base, ...names, active: row.active, ...stored, groups: refs.groups ?? [], meta } as ScimResource;
}

/** Direct groups of each principal in `ids` (one query). */
export async function groupsOf(db: Db, ids: readonly string[]): Promise<Map<string, Ref[]>> {
  const out = new Map<string, Ref[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return out;
  const rows = await db
    .select({ memberId: groupMembers.memberId, id: principals.id, name: principals.name })
    .from(groupMembers)
    .innerJoin(principals, eq(principals.id, groupMembers.groupId))
    .where(inArray(groupMembers.memberId, [...ids]));
  for (const r of rows) out.get(r.memberId)!.push({ value: r.id, display: r.name, type: "Group" });
  return out;
}

/** Direct members of each group in `ids` (one query). */
export async function membersOf(db: Db, ids: readonly string[]): Promise<Map<string, Ref[]>> {
  const out = new Map<string, Ref[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return out;
  const rows = await db
    .select({ groupId: groupMembers.groupId, id: principals.id, name: principals.name, kind: principals.kind })
    .from(groupMembers)
    .innerJoin(principals, eq(principals.id, groupMembers.memberId))
    .where(inArray(groupMembers.groupId, [...ids]));
  for (const r of rows) out.get(r.groupId)!.push({ value: r.id, display: r.name, type: resourceTypeOf(r.kind) });
  return out;
}

/** Loads and renders resources for rows, with their references. */
export async function renderAll(db: Db, rows: readonly PrincipalRow[], options: { members?: boolean } = {}): Promise<ScimResource[]> {
  const groups = rows.filter((r) => r.kind === "group").map((r) => r.id);
  const others = rows.filter((r) => r.kind !== "group").map((r) => r.id);
  const members = options.members === false ? new Map<string, Ref[]>() : await membersOf(db, groups);
  const memberships = await groupsOf(db, others);
  return rows.map((r) => toResource(r, r.kind === "group" ? { members: members.get(r.id) } : { groups: memberships.get(r.id) }));
}

/**
 * RFC 7644 §3.4.2.5 `attributes` / `excludedAttributes` on top-level names; `id` and
 * `schemas` are always returned.
 */
export function project(resource: ScimResource, attributes?: string[], excluded?: string[]): ScimResource {
  const keep = (k: string) => {
    const lower = k.toLowerCase();
    if (lower === "id" || lower === "schemas") return true;
    if (attributes && attributes.length > 0) return attributes.some((a) => a.toLowerCase().split(".")[0] === lower);
    return !(excluded ?? []).some((a) => a.toLowerCase() === lower);
  };
  return Object.fromEntries(Object.entries(resource).filter(([k]) => keep(k))) as ScimResource;
}
