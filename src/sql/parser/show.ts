import type { Statement } from "../ast";
import type { QualifiedName } from "../nodes/common";
import type { Token } from "../tokens";
import { parseName, parseString } from "./basics";
import type { Parser } from "./cursor";
import { parseShowGrants } from "./grants";
import { NAME_PARTS } from "./securables";

/** `[{IN|FROM} name]` with at most `parts` parts. */
function parseIn(p: Parser, parts: number): QualifiedName | undefined {
  return p.accept("IN") || p.accept("FROM") ? parseName(p, parts) : undefined;
}

/** `[[LIKE] 'pattern']`. */
function parsePattern(p: Parser): string | undefined {
  if (p.accept("LIKE")) return parseString(p);
  return p.current.kind === "string" ? parseString(p) : undefined;
}

type Build = (p: Parser, first: Token) => Statement;

/** Listing statements of objects inside a catalog or schema: `[IN x] [[LIKE] 'p']`. */
function listing(kind: "ShowSchemas" | "ShowTables" | "ShowVolumes" | "ShowFunctions", parts: number): Build {
  return (p, first) => {
    const within = parseIn(p, parts);
    const pattern = parsePattern(p);
    return { kind, in: within, pattern, span: p.spanFrom(first) };
  };
}

/** SHOW targets in the order errors list them. */
const TARGETS: ReadonlyArray<[string[], Build]> = [
  [["CATALOGS"], (p, first) => ({ kind: "ShowCatalogs", pattern: parsePattern(p), span: p.spanFrom(first) })],
  [["SCHEMAS"], listing("ShowSchemas", NAME_PARTS.catalog)],
  [["DATABASES"], listing("ShowSchemas", NAME_PARTS.catalog)],
  [["TABLES"], listing("ShowTables", NAME_PARTS.schema)],
  [["VOLUMES"], listing("ShowVolumes", NAME_PARTS.schema)],
  [["FUNCTIONS"], listing("ShowFunctions", NAME_PARTS.schema)],
  [["STORAGE", "CREDENTIALS"], (p, first) => ({ kind: "ShowStorageCredentials", span: p.spanFrom(first) })],
  [["EXTERNAL", "LOCATIONS"], (p, first) => ({ kind: "ShowExternalLocations", span: p.spanFrom(first) })],
  [["SHARES"], (p, first) => ({ kind: "ShowShares", span: p.spanFrom(first) })],
  [["RECIPIENTS"], (p, first) => ({ kind: "ShowRecipients", span: p.spanFrom(first) })],
  [
    ["ALL", "IN", "SHARE"],
    (p, first) => ({ kind: "ShowAllInShare", share: parseName(p, NAME_PARTS.share), span: p.spanFrom(first) }),
  ],
  [["GRANTS"], parseShowGrants],
  [["GRANT"], parseShowGrants],
];

/** `SHOW <what> ...`; SHOW consumed. */
export function parseShow(p: Parser, first: Token): Statement {
  for (const [words, build] of TARGETS) {
    if (!p.accept(...words)) continue;
    const stmt = build(p, first);
    p.expectEnd();
    stmt.span = p.spanFrom(first);
    return stmt;
  }
  p.fail();
}
