import type { Property } from "../nodes/common";
import { isIdentifierToken, parseIdentifier, parseLiteral, parseParenList, parseString } from "./basics";
import type { Token } from "../tokens";
import type { Parser } from "./cursor";

/** One optional clause of a CREATE-style statement. */
export interface Clause {
  /** Keywords that introduce it, e.g. `["MANAGED", "LOCATION"]`. */
  keywords: string[];
  /** Parses the rest, after the keywords; `first` is the clause's first keyword. */
  parse: (first: Token) => void;
  /** Clauses sharing a group are alternatives (`WITH HISTORY` / `WITHOUT HISTORY`). */
  group?: string;
}

/**
 * Parses clauses in any order, each at most once. A repeated clause is not matched again,
 * so it surfaces as "expected <the clauses still allowed> ..., found 'COMMENT'".
 */
export function parseClauses(p: Parser, clauses: Clause[]): void {
  const used = new Set<string>();
  for (;;) {
    const next = clauses.find(
      (c) => !used.has(c.group ?? c.keywords.join(" ")) && p.check(...c.keywords),
    );
    if (!next) return;
    used.add(next.group ?? next.keywords.join(" "));
    next.parse(p.expect(...next.keywords));
  }
}

/** `('k' = 'v', key.path = true, ...)`; the `=` is optional, as in Spark. */
export function parseProperties(p: Parser): Property[] {
  return parseParenList(p, () => {
    const first = p.current;
    const key = parsePropertyKey(p);
    p.acceptPunct("=");
    const value = parsePropertyValue(p);
    return { key, value, span: p.spanFrom(first) };
  });
}

/** `('k', ...)` for UNSET PROPERTIES. */
export function parsePropertyKeys(p: Parser): string[] {
  return parseParenList(p, () => parsePropertyKey(p));
}

/** A property key: a string, or a dotted name such as `delta.appendOnly`. */
export function parsePropertyKey(p: Parser): string {
  if (p.current.kind === "string") return parseString(p);
  if (!isIdentifierToken(p.current)) p.fail("string literal", "identifier");
  const parts = [parseIdentifier(p).value];
  while (p.isPunct(".") && isIdentifierToken(p.peekAt(1))) {
    p.advance();
    parts.push(parseIdentifier(p).value);
  }
  return parts.join(".");
}

/** A property value, kept as text like Databricks stores it. */
function parsePropertyValue(p: Parser): string {
  const lit = parseLiteral(p);
  if (lit.kind === "null") throw p.errorAt(p.previous, ["string literal", "number", "TRUE", "FALSE"]);
  return String(lit.value);
}
