/**
 * SCIM attribute names are case-insensitive (RFC 7643 §2.1). Resources are kept as plain JSON
 * with canonical spelling; these helpers find and set attributes whatever case a client used.
 */
const CANONICAL = [
  "id", "externalId", "meta", "schemas", "userName", "displayName", "nickName", "profileUrl", "title", "userType",
  "preferredLanguage", "locale", "timezone", "active", "password", "emails", "phoneNumbers", "ims", "photos",
  "addresses", "groups", "entitlements", "roles", "x509Certificates", "name", "members", "applicationId",
  "givenName", "familyName", "middleName", "formatted", "honorificPrefix", "honorificSuffix", "value", "display",
  "type", "primary", "$ref", "employeeNumber", "costCenter", "organization", "division", "department", "manager",
];
const BY_LOWER = new Map(CANONICAL.map((n) => [n.toLowerCase(), n]));

/** Canonical spelling of an attribute name (unknown names keep the client's spelling). */
export function canonicalName(name: string): string {
  return BY_LOWER.get(name.toLowerCase()) ?? name;
}

/** The actual key in `obj` for `name`, compared case-insensitively. */
export function keyOf(obj: Record<string, unknown>, name: string): string | undefined {
  const lower = name.toLowerCase();
  return Object.keys(obj).find((k) => k.toLowerCase() === lower);
}

export function getAttr(obj: Record<string, unknown>, name: string): unknown {
  const key = keyOf(obj, name);
  return key === undefined ? undefined : obj[key];
}

/** Sets an attribute, replacing any key that differs only in case. */
export function setAttr(obj: Record<string, unknown>, name: string, value: unknown): void {
  const key = keyOf(obj, name);
  if (key !== undefined) delete obj[key];
  obj[BY_LOWER.get(name.toLowerCase()) ?? key ?? name] = value;
}

export function deleteAttr(obj: Record<string, unknown>, name: string): void {
  const key = keyOf(obj, name);
  if (key !== undefined) delete obj[key];
}

/** A plain JSON object (not an array, not null). */
export function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}
