import type { Statement } from "../ast";
import type { Token } from "../tokens";
import { isIdentifierToken, parseName } from "./basics";
import type { Parser } from "./cursor";
import { NAME_PARTS } from "./securables";

/**
 * `[EXTENDED]`: a keyword only when a name follows, so `DESCRIBE extended` describes a
 * table called "extended".
 */
function parseExtended(p: Parser): boolean {
  if (p.check("EXTENDED") && isIdentifierToken(p.peekAt(1))) {
    p.advance();
    return true;
  }
  return false;
}

type Build = (p: Parser, first: Token) => Statement;
type WithExtended = "DescribeFunction" | "DescribeCatalog" | "DescribeSchema";
type NameOnly = "DescribeStorageCredential" | "DescribeExternalLocation" | "DescribeShare" | "DescribeRecipient";

function withExtended(kind: WithExtended, parts: number): Build {
  return (p, first) => {
    const extended = parseExtended(p);
    return { kind, extended, name: parseName(p, parts), span: p.spanFrom(first) };
  };
}

function nameOnly(kind: NameOnly, parts: number): Build {
  return (p, first) => ({ kind, name: parseName(p, parts), span: p.spanFrom(first) });
}

const TARGETS: ReadonlyArray<[string[], Build]> = [
  [["FUNCTION"], withExtended("DescribeFunction", NAME_PARTS.function)],
  [["CATALOG"], withExtended("DescribeCatalog", NAME_PARTS.catalog)],
  [["SCHEMA"], withExtended("DescribeSchema", NAME_PARTS.schema)],
  [["DATABASE"], withExtended("DescribeSchema", NAME_PARTS.schema)],
  [["STORAGE", "CREDENTIAL"], nameOnly("DescribeStorageCredential", NAME_PARTS.storage_credential)],
  [["EXTERNAL", "LOCATION"], nameOnly("DescribeExternalLocation", NAME_PARTS.external_location)],
  [["SHARE"], nameOnly("DescribeShare", NAME_PARTS.share)],
  [["RECIPIENT"], nameOnly("DescribeRecipient", NAME_PARTS.recipient)],
];

/**
 * `DESCRIBE|DESC` + `FUNCTION`, `CATALOG`, `SCHEMA`, `STORAGE CREDENTIAL`, `EXTERNAL LOCATION`,
 * `SHARE`, `RECIPIENT` + name, or `[TABLE] [EXTENDED] name`; DESCRIBE consumed. An object
 * keyword followed by `.` starts a table name instead (`DESCRIBE share.s.t`).
 */
export function parseDescribe(p: Parser, first: Token): Statement {
  for (const [words, build] of TARGETS) {
    if (!p.check(...words) || p.isPunct(".", words.length)) continue;
    p.expect(...words);
    const stmt = build(p, first);
    p.expectEnd();
    stmt.span = p.spanFrom(first);
    return stmt;
  }
  p.accept("TABLE");
  const extended = parseExtended(p);
  const name = parseName(p, NAME_PARTS.table);
  p.expectEnd();
  return { kind: "DescribeTable", extended, name, span: p.spanFrom(first) };
}
