/**
 * JSON predicate hints (digest A.7): a tree of `{op, children?, name?, value?, valueType?}`.
 * Parsing never fails the query: a hint over 1 MiB, deeper than 100 levels or malformed is
 * ignored, as the reference server does ("return all files").
 */
export interface PredicateNode {
  op: string;
  children?: PredicateNode[];
  name?: string;
  value?: string;
  valueType?: string;
}

export const MAX_HINT_BYTES = 1024 * 1024;
export const MAX_HINT_DEPTH = 100;

const LEAVES = new Set(["column", "literal"]);
const BINARY = new Set(["equal", "lessThan", "lessThanOrEqual", "greaterThan", "greaterThanOrEqual"]);

/** The hint as a tree, or undefined when it must be ignored. */
export function parseJsonPredicate(text: string | undefined): PredicateNode | undefined {
  if (!text || text.length > MAX_HINT_BYTES) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return undefined;
  }
  return wellFormed(raw, 1) ? (raw as PredicateNode) : undefined;
}

function wellFormed(node: unknown, depth: number): boolean {
  if (depth > MAX_HINT_DEPTH || !node || typeof node !== "object" || Array.isArray(node)) return false;
  const n = node as Record<string, unknown>;
  if (typeof n.op !== "string") return false;
  if (LEAVES.has(n.op)) {
    if (n.op === "column") return typeof n.name === "string" && typeof n.valueType === "string";
    return typeof n.value === "string" && typeof n.valueType === "string";
  }
  const children = n.children;
  if (!Array.isArray(children)) return false;
  if (BINARY.has(n.op)) return children.length === 2 && children.every((c) => wellFormed(c, depth + 1) && LEAVES.has((c as PredicateNode).op));
  if (n.op === "isNull") return children.length === 1 && wellFormed(children[0], depth + 1) && (children[0] as PredicateNode).op === "column";
  if (n.op === "not") return children.length === 1 && wellFormed(children[0], depth + 1);
  if (n.op === "and" || n.op === "or") return children.length >= 2 && children.every((c) => wellFormed(c, depth + 1));
  // An op we do not know may only widen the answer: evaluate() keeps every file for it.
  return children.every((c) => wellFormed(c, depth + 1));
}

/** AND of several trees (legacy hints, or a legacy hint with a JSON one). */
export function conjunction(nodes: (PredicateNode | undefined)[]): PredicateNode | undefined {
  const present = nodes.filter((n): n is PredicateNode => n !== undefined);
  if (present.length <= 1) return present[0];
  return { op: "and", children: present };
}
