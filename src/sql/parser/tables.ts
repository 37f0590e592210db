import type {
  ColumnDefinition, ColumnMask, CreateTable, CreateView, CreateVolume, MaskArgument, RowFilter,
  ViewColumn,
} from "../nodes/tables";
import type { Token } from "../tokens";
import {
  isIdentifierToken, parseIdentifier, parseIdentifierList, parseIfNotExists, parseLiteral,
  parseName, parseParenList, parseString,
} from "./basics";
import { parseClauses, parseProperties } from "./clauses";
import type { Parser } from "./cursor";
import { parseDataType } from "./datatype";
import { parseQueryText } from "./query";
import { NAME_PARTS } from "./securables";

/** Modifiers read before the object keyword of a CREATE statement. */
export interface CreateModifiers {
  orReplace: boolean;
  temporary: boolean;
  external: boolean;
}

/** `CREATE ... TABLE` after TABLE: name, optional columns, then clauses in any order. */
export function parseCreateTable(p: Parser, first: Token, mods: CreateModifiers): CreateTable {
  const ifNotExists = parseIfNotExists(p);
  const name = parseName(p, NAME_PARTS.table);
  const stmt: CreateTable = {
    kind: "CreateTable", orReplace: mods.orReplace, external: mods.external, ifNotExists, name,
    span: p.spanFrom(first),
  };
  if (p.checkPunct("(")) stmt.columns = parseParenList(p, () => parseColumnDefinition(p));
  parseClauses(p, [
    { keywords: ["USING"], parse: () => (stmt.using = parseIdentifier(p)) },
    { keywords: ["PARTITIONED", "BY"], parse: () => (stmt.partitionedBy = parseIdentifierList(p)) },
    { keywords: ["LOCATION"], parse: () => (stmt.location = parseString(p)) },
    { keywords: ["COMMENT"], parse: () => (stmt.comment = parseString(p)) },
    { keywords: ["TBLPROPERTIES"], parse: () => (stmt.properties = parseProperties(p)) },
    { keywords: ["WITH", "ROW", "FILTER"], parse: (kw) => (stmt.rowFilter = parseRowFilter(p, kw)) },
    // AS takes the rest of the statement, so it is necessarily the last clause.
    { keywords: ["AS"], parse: () => (stmt.query = parseQueryText(p)) },
  ]);
  p.expectEnd();
  stmt.span = p.spanFrom(first);
  return stmt;
}

/** `name type [NOT NULL] [COMMENT 'x'] [MASK f [USING COLUMNS (...)]]`, options in any order. */
function parseColumnDefinition(p: Parser): ColumnDefinition {
  const first = p.current;
  const name = parseIdentifier(p);
  const col: ColumnDefinition = { name, type: parseDataType(p), notNull: false, span: p.spanFrom(first) };
  parseClauses(p, [
    { keywords: ["NOT", "NULL"], parse: () => (col.notNull = true) },
    { keywords: ["COMMENT"], parse: () => (col.comment = parseString(p)) },
    { keywords: ["MASK"], parse: (kw) => (col.mask = parseMask(p, kw)) },
  ]);
  col.span = p.spanFrom(first);
  return col;
}

/** `f ON (col, ...)` after `ROW FILTER`; `ON ()` is allowed (a filter with no arguments). */
export function parseRowFilter(p: Parser, first: Token): RowFilter {
  const fn = parseName(p, NAME_PARTS.function);
  p.expect("ON");
  const columns = parseIdentifierList(p, true);
  return { function: fn, columns, span: p.spanFrom(first) };
}

/** `f [USING COLUMNS (col | literal, ...)]` after `MASK`; `first` is the MASK keyword. */
export function parseMask(p: Parser, first: Token): ColumnMask {
  const fn = parseName(p, NAME_PARTS.function);
  const using = p.accept("USING", "COLUMNS") ? parseParenList(p, () => parseMaskArgument(p)) : [];
  return { function: fn, using, span: p.spanFrom(first) };
}

function parseMaskArgument(p: Parser): MaskArgument {
  if (isIdentifierToken(p.current)) {
    const name = parseIdentifier(p);
    return { kind: "column", name, span: name.span };
  }
  return parseLiteral(p);
}

/** `CREATE [OR REPLACE] VIEW` after VIEW: `[IF NOT EXISTS] name [(cols)] [COMMENT 'x'] AS query`. */
export function parseCreateView(p: Parser, first: Token, mods: CreateModifiers): CreateView {
  const ifNotExists = parseIfNotExists(p);
  const name = parseName(p, NAME_PARTS.view);
  const columns = p.checkPunct("(") ? parseParenList(p, () => parseViewColumn(p)) : undefined;
  const comment = p.accept("COMMENT") ? parseString(p) : undefined;
  p.expect("AS");
  const query = parseQueryText(p);
  return {
    kind: "CreateView", orReplace: mods.orReplace, ifNotExists, name, columns, comment, query,
    span: p.spanFrom(first),
  };
}

function parseViewColumn(p: Parser): ViewColumn {
  const first = p.current;
  const name = parseIdentifier(p);
  const comment = p.accept("COMMENT") ? parseString(p) : undefined;
  return { name, comment, span: p.spanFrom(first) };
}

/** `CREATE [EXTERNAL] VOLUME` after VOLUME: `[IF NOT EXISTS] c.s.v [LOCATION 'url'] [COMMENT 'x']`. */
export function parseCreateVolume(p: Parser, first: Token, mods: CreateModifiers): CreateVolume {
  const ifNotExists = parseIfNotExists(p);
  const stmt: CreateVolume = {
    kind: "CreateVolume", external: mods.external, ifNotExists, name: parseName(p, NAME_PARTS.volume),
    span: p.spanFrom(first),
  };
  parseClauses(p, [
    { keywords: ["LOCATION"], parse: () => (stmt.location = parseString(p)) },
    { keywords: ["COMMENT"], parse: () => (stmt.comment = parseString(p)) },
  ]);
  p.expectEnd();
  stmt.span = p.spanFrom(first);
  return stmt;
}
