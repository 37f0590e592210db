import type { NamedSecurable } from "../nodes/common";
import type { AlterOwner, AlterRename } from "../nodes/governance";
import type { Token } from "../tokens";
import { parseName, parsePrincipal } from "./basics";
import type { Parser } from "./cursor";
import { NAME_PARTS } from "./securables";

/**
 * The actions every ownable object shares, after `ALTER <type> name`: `[SET] OWNER TO p`
 * and, where the object can be renamed, `RENAME TO new_name`.
 */
export function parseOwnerOrRename(
  p: Parser,
  first: Token,
  securable: NamedSecurable,
  allowRename: boolean,
): AlterOwner | AlterRename {
  if (allowRename && p.accept("RENAME", "TO")) {
    const newName = parseName(p, NAME_PARTS[securable.type]);
    p.expectEnd();
    return { kind: "AlterRename", securable, newName, span: p.spanFrom(first) };
  }
  if (p.accept("SET", "OWNER") || p.accept("OWNER")) return finishOwner(p, first, securable);
  p.fail();
}

/** `TO principal` after `[SET] OWNER`. */
export function finishOwner(p: Parser, first: Token, securable: NamedSecurable): AlterOwner {
  p.expect("TO");
  const owner = parsePrincipal(p);
  p.expectEnd();
  return { kind: "AlterOwner", securable, owner, span: p.spanFrom(first) };
}
