import type {
  CommentOn, CommentTarget, CreateCatalog, CreateSchema, UseCatalog, UseSchema,
} from "../nodes/catalogs";
import type { Identifier, QualifiedName } from "../nodes/common";
import type { Token } from "../tokens";
import { parseIfNotExists, parseName, parseString } from "./basics";
import { parseClauses, parseProperties } from "./clauses";
import type { Parser } from "./cursor";
import { NAME_PARTS } from "./securables";

/** `CREATE CATALOG ...` after the CATALOG keyword. */
export function parseCreateCatalog(p: Parser, first: Token): CreateCatalog {
  const ifNotExists = parseIfNotExists(p);
  const stmt: CreateCatalog = {
    kind: "CreateCatalog", ifNotExists, name: parseName(p, NAME_PARTS.catalog), span: p.spanFrom(first),
  };
  parseClauses(p, [
    { keywords: ["MANAGED", "LOCATION"], parse: () => (stmt.managedLocation = parseString(p)) },
    { keywords: ["COMMENT"], parse: () => (stmt.comment = parseString(p)) },
  ]);
  p.expectEnd();
  stmt.span = p.spanFrom(first);
  return stmt;
}

/** `CREATE {SCHEMA|DATABASE} ...` after the object keyword. */
export function parseCreateSchema(p: Parser, first: Token): CreateSchema {
  const ifNotExists = parseIfNotExists(p);
  const stmt: CreateSchema = {
    kind: "CreateSchema", ifNotExists, name: parseName(p, NAME_PARTS.schema), span: p.spanFrom(first),
  };
  parseClauses(p, [
    { keywords: ["MANAGED", "LOCATION"], parse: () => (stmt.managedLocation = parseString(p)) },
    { keywords: ["COMMENT"], parse: () => (stmt.comment = parseString(p)) },
    { keywords: ["WITH", "DBPROPERTIES"], parse: () => (stmt.properties = parseProperties(p)) },
  ]);
  p.expectEnd();
  stmt.span = p.spanFrom(first);
  return stmt;
}

const COMMENT_TARGETS: ReadonlyArray<[string, CommentTarget]> = [
  ["CATALOG", "catalog"],
  ["SCHEMA", "schema"],
  ["DATABASE", "schema"],
  ["TABLE", "table"],
  ["VOLUME", "volume"],
  ["SHARE", "share"],
  ["RECIPIENT", "recipient"],
  ["COLUMN", "column"],
];

/** `COMMENT ON <target> name IS 'text' | NULL`; COMMENT consumed. */
export function parseCommentOn(p: Parser, first: Token): CommentOn {
  p.expect("ON");
  const entry = COMMENT_TARGETS.find(([word]) => p.accept(word));
  if (!entry) p.fail();
  const target = entry[1];
  let name: QualifiedName;
  let column: Identifier | undefined;
  if (target === "column") {
    // table (up to three parts) plus the column: two to four parts in all.
    const full = parseName(p, 4);
    if (full.parts.length < 2) p.fail("'.'");
    column = full.parts[full.parts.length - 1]!;
    const parts = full.parts.slice(0, -1);
    name = { parts, span: { ...full.span, end: parts[parts.length - 1]!.span.end } };
  } else {
    name = parseName(p, NAME_PARTS[target]);
  }
  p.expect("IS");
  const comment = p.accept("NULL") ? null : parseString(p);
  p.expectEnd();
  return { kind: "CommentOn", target, name, column, comment, span: p.spanFrom(first) };
}

/** `USE CATALOG c`, `USE {SCHEMA|DATABASE} s` or `USE s`; USE consumed. */
export function parseUse(p: Parser, first: Token): UseCatalog | UseSchema {
  // A keyword followed by "." is a name ("USE catalog.x" sets a schema).
  if (p.check("CATALOG") && !p.isPunct(".", 1)) {
    p.advance();
    const name = parseName(p, NAME_PARTS.catalog);
    p.expectEnd();
    return { kind: "UseCatalog", name, span: p.spanFrom(first) };
  }
  if ((p.check("SCHEMA") || p.check("DATABASE")) && !p.isPunct(".", 1)) p.advance();
  const name = parseName(p, NAME_PARTS.schema);
  p.expectEnd();
  return { kind: "UseSchema", name, span: p.spanFrom(first) };
}
