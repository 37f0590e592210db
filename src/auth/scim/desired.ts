import { getAttr, isObject } from "./attributes";
import { scimInvalid } from "./errors";
import { COLUMN_ATTRIBUTES, canonicalize } from "./resources";
import type { ScimResourceType } from "./schemas";

/** What a SCIM body (POST, PUT, or a patched resource) asks a principal to be. */
export interface DesiredPrincipal {
  /** userName, group displayName, or applicationId: principals.name. */
  name: string;
  displayName: string | null;
  externalId: string | null;
  active: boolean;
  attributes: Record<string, unknown>;
  /** Groups only: ids of the direct members. */
  memberIds?: string[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_ATTRIBUTES_BYTES = 64 * 1024;

/**
 * Validates a resource body and splits it into columns and kept attributes. `current` is the
 * stored principal on PUT/PATCH: ids are immutable, as is a service principal's applicationId.
 */
export function desiredFrom(type: ScimResourceType, body: unknown, current?: { id: string; name: string; active: boolean }): DesiredPrincipal {
  if (!isObject(body)) throw scimInvalid("invalidSyntax", "The body must be a JSON object.");
  const id = getAttr(body, "id");
  if (current && id !== undefined && id !== current.id) throw scimInvalid("mutability", "id cannot be changed.");
  const name = nameOf(type, body, current);
  const displayName = optionalString(body, "displayName");
  const externalId = optionalString(body, "externalId");
  // A PUT that leaves `active` out does not assert it (RFC 7644 §3.5.1): keep what is stored,
  // so a profile update never reactivates a deactivated user.
  const active = booleanOf(getAttr(body, "active"), current?.active ?? true);
  const attributes = canonicalize(Object.fromEntries(Object.entries(body).filter(([k]) => !COLUMN_ATTRIBUTES.has(k.toLowerCase())))) as Record<string, unknown>;
  delete attributes.schemas;
  if (type === "User" && attributes.emails === undefined && name.includes("@")) attributes.emails = [{ value: name, primary: true, type: "work" }];
  if (JSON.stringify(attributes).length > MAX_ATTRIBUTES_BYTES) throw scimInvalid("invalidValue", "The resource has too many attributes.");
  const desired: DesiredPrincipal = { name, displayName: type === "Group" ? name : displayName, externalId, active, attributes };
  if (type === "Group") desired.memberIds = memberIdsOf(getAttr(body, "members"));
  return desired;
}

function nameOf(type: ScimResourceType, body: Record<string, unknown>, current?: { name: string }): string {
  const field = type === "User" ? "userName" : type === "Group" ? "displayName" : "applicationId";
  const value = getAttr(body, field);
  if (type === "ServicePrincipal") {
    if (value === undefined || value === null) return current?.name ?? crypto.randomUUID();
    if (typeof value !== "string" || !UUID.test(value)) throw scimInvalid("invalidValue", "applicationId must be a UUID.");
    if (current && value.toLowerCase() !== current.name.toLowerCase()) throw scimInvalid("mutability", "applicationId cannot be changed.");
    return value.toLowerCase();
  }
  if (typeof value !== "string" || value.trim() === "") throw scimInvalid("invalidValue", `${field} is required.`);
  const trimmed = value.trim();
  if (trimmed.length > 256 || /[\u0000-\u001f\u007f]/.test(trimmed)) throw scimInvalid("invalidValue", `${field} is not a valid name.`);
  return trimmed;
}

function optionalString(body: Record<string, unknown>, field: string): string | null {
  const value = getAttr(body, field);
  if (value === undefined || value === null) return null;
  if (typeof value !== "string" || value.length > 1024) throw scimInvalid("invalidValue", `${field} must be a string.`);
  return value;
}

/** `active`: a boolean, or Entra's "True"/"False" strings; `absent` when not given. */
function booleanOf(value: unknown, absent: boolean): boolean {
  if (value === undefined || value === null) return absent;
  if (typeof value === "boolean") return value;
  if (typeof value === "string" && /^(true|false)$/i.test(value)) return value.toLowerCase() === "true";
  throw scimInvalid("invalidValue", "active must be true or false.");
}

function memberIdsOf(members: unknown): string[] {
  if (members === undefined || members === null) return [];
  if (!Array.isArray(members)) throw scimInvalid("invalidValue", "members must be a list.");
  return members.map((m) => {
    const value = isObject(m) ? getAttr(m, "value") : m;
    if (typeof value !== "string" || !UUID.test(value)) throw scimInvalid("invalidValue", "Each member needs the id of a user, group or service principal as its value.");
    return value.toLowerCase();
  });
}
