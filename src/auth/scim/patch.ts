import { canonicalName, deleteAttr, getAttr, isObject, setAttr } from "./attributes";
import { parsePatchPath, type Filter } from "./filter";
import { matchesElement } from "./filter-match";
import { scimInvalid } from "./errors";
import { ENTERPRISE_USER_SCHEMA, SCHEMA_OF, type ScimResourceType } from "./schemas";

/** One PatchOp operation (RFC 7644 §3.5.2); `op` in any case, as Entra capitalises it. */
export interface PatchOperation {
  op: string;
  path?: string;
  value?: unknown;
}

type Op = "add" | "remove" | "replace";

/** A schema URN used as a key (`urn:…:2.0:User`), as opposed to a URN-qualified attribute. */
const SCHEMA_URN = /^urn:.*:(User|Group|ServicePrincipal)$/i;
type Json = Record<string, unknown>;

/**
 * Applies PatchOp operations to a resource's JSON and returns the new JSON; the caller then
 * validates and saves it exactly as for PUT, so PATCH and PUT share one set of rules.
 * Handles paths with and without filters (`members[value eq "…"]`,
 * `emails[type eq "work"].value`), URN-qualified extension paths, and path-less operations
 * whose value carries the attributes (Okta's `{"op":"replace","value":{"active":false}}`).
 */
export function applyPatch(resource: Json, operations: readonly PatchOperation[], type: ScimResourceType): Json {
  const doc = structuredClone(resource);
  for (const operation of operations) {
    const op = operation.op?.toLowerCase();
    if (op !== "add" && op !== "remove" && op !== "replace") throw scimInvalid("invalidSyntax", `Unknown PATCH op '${operation.op}'.`);
    if (operation.path === undefined || operation.path === "") {
      if (op === "remove") throw scimInvalid("noTarget", "A remove operation needs a path.");
      if (!isObject(operation.value)) throw scimInvalid("invalidValue", `A ${op} without a path needs an object value.`);
      for (const [key, value] of Object.entries(operation.value)) {
        // `{"urn:…:enterprise:2.0:User": {"department": "x"}}` sets attributes of that extension.
        if (SCHEMA_URN.test(key) && isObject(value)) {
          for (const [sub, v] of Object.entries(value)) applyAt(doc, op, `${key}:${sub}`, v, type);
        } else applyAt(doc, op, key, value, type);
      }
    } else applyAt(doc, op, operation.path, operation.value, type);
  }
  return doc;
}

function applyAt(doc: Json, op: Op, pathText: string, value: unknown, type: ScimResourceType): void {
  if (op !== "remove" && value === undefined) throw scimInvalid("invalidValue", `The ${op} of '${pathText}' needs a value.`);
  const { path, filter, rawSub } = parsePatchPath(pathText);
  const attr = path.raw?.attr ?? path.attr;
  const sub = path.raw?.sub ?? path.sub;
  let container = doc;
  if (path.uri && path.uri !== SCHEMA_OF[type].toLowerCase()) {
    // Extensions (enterprise, or a provider's custom one) live under their URN, verbatim.
    if (path.uri.startsWith("urn:ietf:params:scim:schemas:core:")) throw scimInvalid("invalidPath", `Path '${pathText}' names another resource type.`);
    const head = pathText.split("[")[0]!;
    const urn = path.uri === ENTERPRISE_USER_SCHEMA.toLowerCase() ? ENTERPRISE_USER_SCHEMA : head.slice(0, head.lastIndexOf(":"));
    let ext = getAttr(doc, urn);
    if (!isObject(ext)) {
      if (op === "remove") return;
      ext = {};
      setAttr(doc, urn, ext);
    }
    container = ext as Json;
  }
  if (filter) return applyToMatches(container, op, attr, filter, rawSub ?? sub, value, pathText);
  if (sub) return applyToSub(container, op, attr, sub, value);
  applyToAttribute(container, op, attr, value);
}

function applyToAttribute(container: Json, op: Op, attr: string, value: unknown): void {
  const existing = getAttr(container, attr);
  if (op === "remove") {
    // Entra removes members by listing them in `value` rather than with a filter.
    if (Array.isArray(existing) && value !== undefined) {
      const gone = new Set((Array.isArray(value) ? value : [value]).map(identity));
      setAttr(container, attr, existing.filter((e) => !gone.has(identity(e))));
    } else deleteAttr(container, attr);
    return;
  }
  if (op === "add" && (Array.isArray(existing) || Array.isArray(value))) {
    const merged = [...(Array.isArray(existing) ? existing : existing === undefined ? [] : [existing])];
    for (const item of Array.isArray(value) ? value : [value]) if (!merged.some((m) => identity(m) === identity(item))) merged.push(item);
    setAttr(container, attr, merged);
  } else if (isObject(existing) && isObject(value)) {
    // Complex attributes: the given sub-attributes are set, the others are left alone.
    for (const [k, v] of Object.entries(value)) setAttr(existing, k, v);
  } else setAttr(container, attr, value);
}

function applyToSub(container: Json, op: Op, attr: string, sub: string, value: unknown): void {
  let parent = getAttr(container, attr);
  if (Array.isArray(parent)) {
    for (const element of parent) if (isObject(element)) op === "remove" ? deleteAttr(element, sub) : setAttr(element, sub, value);
    return;
  }
  if (!isObject(parent)) {
    if (op === "remove") return;
    parent = {};
    setAttr(container, attr, parent);
  }
  if (op === "remove") deleteAttr(parent as Json, sub);
  else setAttr(parent as Json, sub, value);
}

function applyToMatches(container: Json, op: Op, attr: string, filter: Filter, sub: string | undefined, value: unknown, pathText: string): void {
  const list = getAttr(container, attr);
  const elements = Array.isArray(list) ? [...list] : [];
  const hits = elements.map((e, i) => (matchesElement(e, filter) ? i : -1)).filter((i) => i >= 0);
  if (op === "remove") {
    // Removing what is not there is done already: provisioning clients retry.
    const kept = sub ? elements : elements.filter((_, i) => !hits.includes(i));
    if (sub) for (const i of hits) if (isObject(elements[i])) deleteAttr(elements[i] as Json, sub);
    setAttr(container, attr, kept);
    return;
  }
  if (hits.length === 0) {
    // `emails[type eq "work"].value` on a user with no work email creates that email.
    const seed = seedOf(filter);
    if (!seed) throw scimInvalid("noTarget", `No value matches '${pathText}'.`);
    elements.push(sub ? { ...seed, [sub]: value } : isObject(value) ? { ...seed, ...value } : value);
  }
  for (const i of hits) {
    const element = elements[i];
    if (sub && isObject(element)) setAttr(element, sub, value);
    else if (isObject(element) && isObject(value)) for (const [k, v] of Object.entries(value)) setAttr(element, k, v);
    else elements[i] = value;
  }
  setAttr(container, attr, elements);
}

/** `{type: "work"}` from `type eq "work"` (only for a single equality). */
function seedOf(filter: Filter): Json | undefined {
  if (filter.kind !== "compare" || filter.op !== "eq" || filter.path.sub) return undefined;
  return { [canonicalName(filter.path.attr)]: filter.value };
}

/** What makes two elements of a multi-valued attribute the same: their `value`, else the JSON. */
function identity(element: unknown): string {
  if (isObject(element)) {
    const v = getAttr(element, "value");
    if (v !== undefined) return `v:${String(v)}`;
  }
  return `j:${JSON.stringify(element)}`;
}
