import type { DeltaType, StructType } from "../../delta/schema";
import type { PredicateNode } from "./predicate";

/**
 * Legacy `predicateHints` (digest A.7): SQL strings such as `date = '2021-01-01'`,
 * `id >= 10` or `col IS NOT NULL`, AND-ed. Each is turned into a JSON predicate typed by the
 * column's schema type; one we cannot read is skipped, which only widens the answer.
 */
const COMPARISON = /^\s*`?([A-Za-z_][\w.]*)`?\s*(=|==|<>|!=|<=|>=|<|>)\s*(.+?)\s*$/;
const NULL_TEST = /^\s*`?([A-Za-z_][\w.]*)`?\s+IS\s+(NOT\s+)?NULL\s*$/i;
const OPS: Record<string, string> = { "=": "equal", "==": "equal", "<": "lessThan", "<=": "lessThanOrEqual", ">": "greaterThan", ">=": "greaterThanOrEqual" };

export function sqlHintsToPredicate(hints: readonly string[] | undefined, schema: StructType): PredicateNode | undefined {
  const nodes = (hints ?? []).map((h) => parseHint(h, schema)).filter((n): n is PredicateNode => n !== undefined);
  if (nodes.length === 0) return undefined;
  return nodes.length === 1 ? nodes[0] : { op: "and", children: nodes };
}

function parseHint(hint: string, schema: StructType): PredicateNode | undefined {
  const nullTest = NULL_TEST.exec(hint);
  if (nullTest) {
    const valueType = valueTypeOf(schema, nullTest[1]!);
    if (!valueType) return undefined;
    const node: PredicateNode = { op: "isNull", children: [{ op: "column", name: nullTest[1]!, valueType }] };
    return nullTest[2] ? { op: "not", children: [node] } : node;
  }
  const m = COMPARISON.exec(hint);
  if (!m) return undefined;
  const valueType = valueTypeOf(schema, m[1]!);
  const literal = literalText(m[3]!);
  if (!valueType || literal === undefined) return undefined;
  const column: PredicateNode = { op: "column", name: m[1]!, valueType };
  const value: PredicateNode = { op: "literal", value: literal, valueType };
  if (m[2] === "<>" || m[2] === "!=") return { op: "not", children: [{ op: "equal", children: [column, value] }] };
  return { op: OPS[m[2]!]!, children: [column, value] };
}

/** `'text'` (with '' escapes), a number, true or false; anything else is not a literal. */
function literalText(text: string): string | undefined {
  const quoted = /^'((?:[^']|'')*)'$/.exec(text);
  if (quoted) return quoted[1]!.replace(/''/g, "'");
  if (/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(text) || /^(true|false)$/i.test(text)) return text;
  return undefined;
}

const VALUE_TYPES: Record<string, string> = {
  string: "string", integer: "int", short: "int", byte: "int", long: "long", float: "float", double: "double", date: "date", boolean: "bool", timestamp: "timestamp",
};

function valueTypeOf(schema: StructType, name: string): string | undefined {
  let type: DeltaType | undefined = schema;
  for (const part of name.toLowerCase().split(".")) {
    if (!type || typeof type !== "object" || type.kind !== "struct") return undefined;
    type = type.fields.find((f) => f.name.toLowerCase() === part)?.type;
  }
  return typeof type === "object" && type !== null && "kind" in type && type.kind === "primitive" ? VALUE_TYPES[type.name] : undefined;
}
