import type { Statement } from "../ast";
import type { NamedSecurable } from "../nodes/common";
import type { Token } from "../tokens";
import type { Parser } from "./cursor";
import { parseOwnerOrRename } from "./ownership";
import { parseAlterRecipient } from "./recipients";
import { parseAlterTable } from "./alter-table";
import { parseNamedSecurable } from "./securables";
import { parseAlterShare } from "./shares";
import { parseAlterExternalLocation } from "./storage";

type Handler = (p: Parser, first: Token, typeStart: Token) => Statement;

/** An object that only supports the shared actions: OWNER TO, and RENAME TO when `rename`. */
function ownable(type: NamedSecurable["type"], rename: boolean): Handler {
  return (p, first, typeStart) =>
    parseOwnerOrRename(p, first, parseNamedSecurable(p, type, typeStart), rename);
}

/** ALTER targets in the order errors list them. */
const TARGETS: ReadonlyArray<[string[], Handler]> = [
  [["CATALOG"], ownable("catalog", false)],
  [["SCHEMA"], ownable("schema", false)],
  [["DATABASE"], ownable("schema", false)],
  [["TABLE"], parseAlterTable],
  [["VIEW"], ownable("view", true)],
  [["VOLUME"], ownable("volume", true)],
  [["FUNCTION"], ownable("function", false)],
  [["MODEL"], ownable("model", false)],
  [["EXTERNAL", "LOCATION"], parseAlterExternalLocation],
  [["STORAGE", "CREDENTIAL"], ownable("storage_credential", true)],
  [["SHARE"], parseAlterShare],
  [["RECIPIENT"], parseAlterRecipient],
];

/** `ALTER <type> name <action>`; ALTER consumed. */
export function parseAlter(p: Parser, first: Token): Statement {
  for (const [words, handler] of TARGETS) {
    if (!p.check(...words)) continue;
    const typeStart = p.expect(...words);
    return handler(p, first, typeStart);
  }
  p.fail();
}
