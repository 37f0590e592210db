/**
 * A deep copy of `node` without `span` properties (and without properties whose value is
 * undefined), for comparing trees that came from different source text: the printer's
 * round-trip test compares `stripSpans(parse(print(ast)))` with `stripSpans(ast)`.
 */
export function stripSpans<T>(node: T): T {
  if (Array.isArray(node)) return node.map((item) => stripSpans(item)) as T;
  if (node === null || typeof node !== "object") return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === "span" || value === undefined) continue;
    out[key] = stripSpans(value);
  }
  return out as T;
}
