import type { Statement } from "../ast";
import type { DropBehavior } from "../nodes/catalogs";
import type { QualifiedName, Span } from "../nodes/common";
import type { Token } from "../tokens";
import { parseIfExists, parseName } from "./basics";
import type { Parser } from "./cursor";

interface DropParts {
  ifExists: boolean;
  name: QualifiedName;
  span: Span;
}

type Build = (p: Parser, parts: DropParts) => Statement;

/** `[CASCADE | RESTRICT]`, accepted after catalogs and schemas. */
function behavior(p: Parser): DropBehavior | undefined {
  if (p.accept("CASCADE")) return "cascade";
  if (p.accept("RESTRICT")) return "restrict";
  return undefined;
}

/** DROP targets: keywords, name parts, and how to finish the node. */
const TARGETS: ReadonlyArray<[string[], number, Build]> = [
  [["CATALOG"], 1, (p, d) => ({ kind: "DropCatalog", ...d, behavior: behavior(p) })],
  [["SCHEMA"], 2, (p, d) => ({ kind: "DropSchema", ...d, behavior: behavior(p) })],
  [["DATABASE"], 2, (p, d) => ({ kind: "DropSchema", ...d, behavior: behavior(p) })],
  [["TABLE"], 3, (_, d) => ({ kind: "DropTable", ...d })],
  [["VIEW"], 3, (_, d) => ({ kind: "DropView", ...d })],
  [["VOLUME"], 3, (_, d) => ({ kind: "DropVolume", ...d })],
  [["FUNCTION"], 3, (_, d) => ({ kind: "DropFunction", ...d })],
  [["STORAGE", "CREDENTIAL"], 1, (p, d) => ({ kind: "DropStorageCredential", ...d, force: p.accept("FORCE") })],
  [["EXTERNAL", "LOCATION"], 1, (p, d) => ({ kind: "DropExternalLocation", ...d, force: p.accept("FORCE") })],
  [["SHARE"], 1, (_, d) => ({ kind: "DropShare", ...d })],
  [["RECIPIENT"], 1, (_, d) => ({ kind: "DropRecipient", ...d })],
];

/** `DROP <type> [IF EXISTS] name [CASCADE|RESTRICT|FORCE where allowed]`; DROP consumed. */
export function parseDrop(p: Parser, first: Token): Statement {
  for (const [words, parts, build] of TARGETS) {
    if (!p.accept(...words)) continue;
    const ifExists = parseIfExists(p);
    const name = parseName(p, parts);
    const stmt = build(p, { ifExists, name, span: p.spanFrom(first) });
    p.expectEnd();
    stmt.span = p.spanFrom(first);
    return stmt;
  }
  p.fail();
}
