import type { NamedSecurable } from "../nodes/common";
import type { AlterOwner, AlterRename } from "../nodes/governance";
import type {
  AlterColumnComment, AlterColumnDropMask, AlterColumnSetMask, AlterTableDropRowFilter,
  AlterTableSetProperties, AlterTableSetRowFilter,
} from "../nodes/tables";
import type { Token } from "../tokens";
import { isIdentifierToken, parseIdentifier, parseName, parseString } from "./basics";
import { parseProperties } from "./clauses";
import type { Parser } from "./cursor";
import { finishOwner, parseOwnerOrRename } from "./ownership";
import { NAME_PARTS } from "./securables";
import { parseMask, parseRowFilter } from "./tables";

type AlterTable =
  | AlterTableSetRowFilter | AlterTableDropRowFilter | AlterTableSetProperties
  | AlterColumnSetMask | AlterColumnDropMask | AlterColumnComment | AlterOwner | AlterRename;

/**
 * `ALTER TABLE t` + one action: `SET ROW FILTER f ON (...)`, `DROP ROW FILTER`,
 * `SET TBLPROPERTIES (...)`, `{ALTER|CHANGE} [COLUMN] c {SET MASK ... | DROP MASK | COMMENT 'x'}`,
 * `RENAME TO n`, `[SET] OWNER TO p` (uc-semantics §4).
 */
export function parseAlterTable(p: Parser, first: Token, typeStart: Token): AlterTable {
  const table = parseName(p, NAME_PARTS.table);
  const securable: NamedSecurable = { type: "table", name: table, span: p.spanFrom(typeStart) };
  let stmt: AlterTable;
  if (p.accept("SET")) {
    const at = p.previous;
    if (p.accept("ROW", "FILTER")) {
      stmt = { kind: "AlterTableSetRowFilter", table, filter: parseRowFilter(p, at), span: p.spanFrom(first) };
    } else if (p.accept("TBLPROPERTIES")) {
      stmt = { kind: "AlterTableSetProperties", table, properties: parseProperties(p), span: p.spanFrom(first) };
    } else if (p.accept("OWNER")) {
      return finishOwner(p, first, securable);
    } else {
      p.fail();
    }
  } else if (p.accept("DROP", "ROW", "FILTER")) {
    stmt = { kind: "AlterTableDropRowFilter", table, span: p.spanFrom(first) };
  } else if (p.check("ALTER") || p.check("CHANGE")) {
    p.advance();
    return parseAlterColumn(p, first, table);
  } else {
    return parseOwnerOrRename(p, first, securable, true);
  }
  p.expectEnd();
  return stmt;
}

/** After `ALTER TABLE t ALTER`: `[COLUMN] c SET MASK ... | DROP MASK | COMMENT 'x'`. */
function parseAlterColumn(p: Parser, first: Token, table: AlterColumnSetMask["table"]): AlterTable {
  // COLUMN is optional, so it is a keyword only when a column name and an action follow it;
  // `ALTER column SET MASK` alters a column called "column".
  if (p.check("COLUMN") && isIdentifierToken(p.peekAt(1)) && isColumnAction(p, 2)) p.advance();
  const column = parseIdentifier(p);
  let stmt: AlterTable;
  if (p.check("SET", "MASK")) {
    const at = p.advance();
    p.advance();
    stmt = { kind: "AlterColumnSetMask", table, column, mask: parseMask(p, at), span: p.spanFrom(first) };
  } else if (p.accept("DROP", "MASK")) {
    stmt = { kind: "AlterColumnDropMask", table, column, span: p.spanFrom(first) };
  } else if (p.accept("COMMENT")) {
    stmt = { kind: "AlterColumnComment", table, column, comment: parseString(p), span: p.spanFrom(first) };
  } else {
    p.fail();
  }
  p.expectEnd();
  stmt.span = p.spanFrom(first);
  return stmt;
}

function isColumnAction(p: Parser, ahead: number): boolean {
  return p.isWord("SET", ahead) || p.isWord("DROP", ahead) || p.isWord("COMMENT", ahead);
}
