import type { NamedSecurable } from "../nodes/common";
import type { AlterOwner, AlterRename } from "../nodes/governance";
import type {
  AlterRecipientSetProperties, AlterRecipientUnsetProperties, CreateRecipient,
} from "../nodes/sharing";
import type { Token } from "../tokens";
import { parseIfNotExists, parseName, parseString } from "./basics";
import { parseClauses, parseProperties, parsePropertyKeys } from "./clauses";
import type { Parser } from "./cursor";
import { parseOwnerOrRename } from "./ownership";
import { NAME_PARTS } from "./securables";

/**
 * `CREATE RECIPIENT` after RECIPIENT:
 * `[IF NOT EXISTS] r [USING ID 'id'] [COMMENT 'x'] [PROPERTIES (...)]`, clauses in any order.
 */
export function parseCreateRecipient(p: Parser, first: Token): CreateRecipient {
  const ifNotExists = parseIfNotExists(p);
  const stmt: CreateRecipient = {
    kind: "CreateRecipient", ifNotExists, name: parseName(p, NAME_PARTS.recipient), span: p.spanFrom(first),
  };
  parseClauses(p, [
    { keywords: ["USING", "ID"], parse: () => (stmt.sharingId = parseString(p)) },
    { keywords: ["COMMENT"], parse: () => (stmt.comment = parseString(p)) },
    { keywords: ["PROPERTIES"], parse: () => (stmt.properties = parseProperties(p)) },
  ]);
  p.expectEnd();
  stmt.span = p.spanFrom(first);
  return stmt;
}

/**
 * `ALTER RECIPIENT r` + `SET PROPERTIES (...)` | `UNSET PROPERTIES ('k', ...)` |
 * `RENAME TO r2` | `[SET] OWNER TO p`.
 */
export function parseAlterRecipient(
  p: Parser,
  first: Token,
  typeStart: Token,
): AlterRecipientSetProperties | AlterRecipientUnsetProperties | AlterOwner | AlterRename {
  const name = parseName(p, NAME_PARTS.recipient);
  if (p.accept("SET", "PROPERTIES")) {
    const properties = parseProperties(p);
    p.expectEnd();
    return { kind: "AlterRecipientSetProperties", name, properties, span: p.spanFrom(first) };
  }
  if (p.accept("UNSET", "PROPERTIES")) {
    const keys = parsePropertyKeys(p);
    p.expectEnd();
    return { kind: "AlterRecipientUnsetProperties", name, keys, span: p.spanFrom(first) };
  }
  const securable: NamedSecurable = { type: "recipient", name, span: p.spanFrom(typeStart) };
  return parseOwnerOrRename(p, first, securable, true);
}
