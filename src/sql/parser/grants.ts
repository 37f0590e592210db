import type { PrivilegeRef } from "../nodes/common";
import type { Grant, Revoke, ShowGrants } from "../nodes/governance";
import { isPrivilege } from "../privileges";
import type { Token } from "../tokens";
import { parsePrincipal, parsePrincipalList } from "./basics";
import type { Parser } from "./cursor";
import { parseSecurable } from "./securables";

/** `GRANT privileges ON securable TO principals` / `REVOKE ... FROM ...`; keyword consumed. */
export function parseGrantOrRevoke(p: Parser, first: Token): Grant | Revoke {
  const grant = first.upper === "GRANT";
  const privileges = parsePrivileges(p);
  p.expect("ON");
  const securable = parseSecurable(p);
  p.expect(grant ? "TO" : "FROM");
  const principals = parsePrincipalList(p);
  p.expectEnd();
  return { kind: grant ? "Grant" : "Revoke", privileges, securable, principals, span: p.spanFrom(first) };
}

/**
 * A comma-separated privilege list. Privilege names are several words (`CREATE EXTERNAL
 * TABLE`), so we read words up to `ON` or `,` and check the phrase against the vocabulary.
 * When the phrase is unknown but starts with a known privilege (`SELECT TO x`: ON forgotten),
 * the error points at the first extra word; otherwise at the unknown phrase itself.
 */
export function parsePrivileges(p: Parser): PrivilegeRef[] {
  const list: PrivilegeRef[] = [];
  do list.push(parsePrivilege(p));
  while (p.acceptPunct(","));
  return list;
}

function parsePrivilege(p: Parser): PrivilegeRef {
  const words: Token[] = [];
  while (p.current.kind === "word" && p.current.upper !== "ON") words.push(p.advance());
  if (words.length === 0) p.fail("privilege");
  const phrase = (n: number): string => words.slice(0, n).map((w) => w.upper).join(" ");
  const name = phrase(words.length);
  if (isPrivilege(name)) {
    return { name, span: { ...p.tokenSpan(words[0]!), end: words[words.length - 1]!.end } };
  }
  for (let n = words.length - 1; n > 0; n--) {
    if (isPrivilege(phrase(n))) throw p.errorAt(words[n]!, ["','", "ON"]);
  }
  const found = words.map((w) => w.text).join(" ");
  throw p.errorAt(words[0]!, ["privilege"], found);
}

/**
 * `SHOW GRANTS [principal] ON securable` or `SHOW GRANTS TO principal` (including
 * `TO RECIPIENT r`); `SHOW GRANTS` already consumed. `SHOW GRANT` is accepted as a synonym.
 */
export function parseShowGrants(p: Parser, first: Token): ShowGrants {
  if (p.accept("TO")) {
    const principal = parsePrincipal(p);
    p.expectEnd();
    return { kind: "ShowGrants", principal, span: p.spanFrom(first) };
  }
  const principal = p.check("ON") ? undefined : parsePrincipal(p);
  p.expect("ON");
  const securable = parseSecurable(p);
  p.expectEnd();
  return { kind: "ShowGrants", principal, securable, span: p.spanFrom(first) };
}
