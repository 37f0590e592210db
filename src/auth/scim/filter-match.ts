import type { CompareOp, Filter, FilterValue } from "./filter";
import { getAttr } from "./attributes";

/**
 * Evaluates a filter against one element of a multi-valued attribute (a PATCH value path such
 * as `members[value eq "…"]` or `emails[type eq "work"]`). Attribute names are
 * case-insensitive; string comparison is too, as for every attribute Lakeward filters on.
 */
export function matchesElement(element: unknown, filter: Filter): boolean {
  switch (filter.kind) {
    case "and":
      return matchesElement(element, filter.left) && matchesElement(element, filter.right);
    case "or":
      return matchesElement(element, filter.left) || matchesElement(element, filter.right);
    case "not":
      return !matchesElement(element, filter.filter);
    case "present": {
      const v = valueAt(element, filter.path.attr, filter.path.sub);
      return v !== undefined && v !== null && v !== "" && !(Array.isArray(v) && v.length === 0);
    }
    case "compare":
      return compare(valueAt(element, filter.path.attr, filter.path.sub), filter.op, filter.value);
    case "valuePath": {
      const list = valueAt(element, filter.path.attr, undefined);
      return Array.isArray(list) && list.some((item) => matchesElement(item, filter.filter));
    }
  }
}

/** `element.attr[.sub]`; a primitive element (a plain string in a list) answers to `value`. */
function valueAt(element: unknown, attr: string, sub: string | undefined): unknown {
  if (element === null || typeof element !== "object") return attr === "value" && sub === undefined ? element : undefined;
  const v = getAttr(element as Record<string, unknown>, attr);
  if (sub === undefined) return v;
  return v !== null && typeof v === "object" && !Array.isArray(v) ? getAttr(v as Record<string, unknown>, sub) : undefined;
}

function compare(actual: unknown, op: CompareOp, expected: FilterValue): boolean {
  if (Array.isArray(actual)) return actual.some((a) => compare(a, op, expected));
  if (expected === null) return op === "eq" ? actual == null : op === "ne" ? actual != null : false;
  if (typeof expected === "boolean") {
    const b = typeof actual === "string" ? actual.toLowerCase() === "true" : actual;
    return op === "eq" ? b === expected : op === "ne" ? b !== expected : false;
  }
  if (actual === undefined || actual === null) return op === "ne";
  const a = String(actual).toLowerCase();
  const e = String(expected).toLowerCase();
  switch (op) {
    case "eq": return a === e;
    case "ne": return a !== e;
    case "co": return a.includes(e);
    case "sw": return a.startsWith(e);
    case "ew": return a.endsWith(e);
    case "gt": return a > e;
    case "ge": return a >= e;
    case "lt": return a < e;
    case "le": return a <= e;
  }
}
