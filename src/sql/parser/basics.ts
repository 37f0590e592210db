import type { Identifier, Literal, Principal, QualifiedName } from "../nodes/common";
import type { Token } from "../tokens";
import { isReservedWord } from "../tokens";
import type { Parser } from "./cursor";

/** Whether `t` can be a name part: a backticked name or an unreserved word. */
export function isIdentifierToken(t: Token): boolean {
  return t.kind === "quoted" || (t.kind === "word" && !isReservedWord(t.text));
}

/** One name part. */
export function parseIdentifier(p: Parser): Identifier {
  const t = p.current;
  if (!isIdentifierToken(t)) p.fail("identifier");
  p.advance();
  return { value: t.value, quoted: t.kind === "quoted", span: p.tokenSpan(t) };
}

/**
 * A dotted name of at most `maxParts` parts. A further `.` is reported right there, since
 * "catalog names have one part" is more useful than whatever clause was expected next.
 */
export function parseName(p: Parser, maxParts: number): QualifiedName {
  const first = p.current;
  const parts = [parseIdentifier(p)];
  while (p.isPunct(".")) {
    if (parts.length >= maxParts) {
      throw p.errorAt(p.current, [`at most ${maxParts} name part${maxParts === 1 ? "" : "s"}`]);
    }
    p.advance();
    parts.push(parseIdentifier(p));
  }
  return { parts, span: p.spanFrom(first) };
}

/** `(a, b, ...)`; with `allowEmpty`, `()` too. */
export function parseIdentifierList(p: Parser, allowEmpty = false): Identifier[] {
  return parseParenList(p, () => parseIdentifier(p), allowEmpty);
}

/** `( item, ... )` with a caller-supplied item parser. */
export function parseParenList<T>(p: Parser, item: () => T, allowEmpty = false): T[] {
  p.expectPunct("(");
  const items: T[] = [];
  if (allowEmpty && p.acceptPunct(")")) return items;
  do items.push(item());
  while (p.acceptPunct(","));
  p.expectPunct(")");
  return items;
}

/** Whether `t` can start a principal: a name, a backticked name or a '...' string. */
function isPrincipalToken(t: Token): boolean {
  return isIdentifierToken(t) || t.kind === "string";
}

/**
 * A grantee or owner: `alice`, `` `alice@example.com` ``, `'data eng'`, or `RECIPIENT r`.
 * `RECIPIENT` only marks a recipient when a name follows, so a group called "recipient" works.
 */
export function parsePrincipal(p: Parser): Principal {
  const first = p.current;
  let type: Principal["type"] = "principal";
  if (p.isWord("RECIPIENT") && isPrincipalToken(p.peekAt(1))) {
    p.advance();
    type = "recipient";
  }
  const t = p.current;
  if (!isPrincipalToken(t)) p.fail("principal");
  p.advance();
  return { type, name: t.value, quoted: t.kind !== "word", span: p.spanFrom(first) };
}

/** `principal, principal, ...`. */
export function parsePrincipalList(p: Parser): Principal[] {
  const list = [parsePrincipal(p)];
  while (p.acceptPunct(",")) list.push(parsePrincipal(p));
  return list;
}

/** A string literal; adjacent literals concatenate (`'a' 'b'` is "ab"), as in Spark. */
export function parseString(p: Parser): string {
  if (p.current.kind !== "string") p.fail("string literal");
  let value = "";
  while (p.current.kind === "string") value += p.advance().value;
  return value;
}

/** A string, number (optionally negative), TRUE, FALSE or NULL. */
export function parseLiteral(p: Parser): Literal {
  const first = p.current;
  if (first.kind === "string") {
    const value = parseString(p);
    return { kind: "string", value, span: p.spanFrom(first) };
  }
  const negative = p.isPunct("-") && p.peekAt(1).kind === "number";
  if (negative) p.advance();
  if (p.current.kind === "number") {
    const value = (negative ? "-" : "") + p.advance().text;
    return { kind: "number", value, span: p.spanFrom(first) };
  }
  if (p.accept("TRUE")) return { kind: "boolean", value: true, span: p.spanFrom(first) };
  if (p.accept("FALSE")) return { kind: "boolean", value: false, span: p.spanFrom(first) };
  if (p.accept("NULL")) return { kind: "null", span: p.spanFrom(first) };
  p.fail("string literal", "number");
}

/** `IF NOT EXISTS`, committed to once `IF NOT` is seen (so `IF NOT x` is an error). */
export function parseIfNotExists(p: Parser): boolean {
  if (!p.check("IF", "NOT", "EXISTS") && !(p.isWord("IF") && p.isWord("NOT", 1))) return false;
  p.expect("IF", "NOT", "EXISTS");
  return true;
}

/** `IF EXISTS`. A lone `IF` is left alone: it may be a name. */
export function parseIfExists(p: Parser): boolean {
  return p.accept("IF", "EXISTS");
}
