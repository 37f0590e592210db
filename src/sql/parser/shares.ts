import type { NamedSecurable, QualifiedName } from "../nodes/common";
import type { AlterOwner, AlterRename } from "../nodes/governance";
import type {
  AlterShareAddSchema, AlterShareAddTable, AlterShareAddView, AlterShareRemoveSchema,
  AlterShareRemoveTable, AlterShareRemoveView, CreateShare, CurrentRecipient, PartitionPredicate,
  PartitionSpec,
} from "../nodes/sharing";
import type { Token } from "../tokens";
import { parseIdentifier, parseIfNotExists, parseLiteral, parseName, parseParenList, parseString } from "./basics";
import { parseClauses, parsePropertyKey, type Clause } from "./clauses";
import type { Parser } from "./cursor";
import { parseOwnerOrRename } from "./ownership";
import { NAME_PARTS } from "./securables";

type AlterShare =
  | AlterShareAddTable | AlterShareRemoveTable | AlterShareAddSchema | AlterShareRemoveSchema
  | AlterShareAddView | AlterShareRemoveView | AlterOwner | AlterRename;

/** `CREATE SHARE [IF NOT EXISTS] s [COMMENT 'x']` after SHARE. */
export function parseCreateShare(p: Parser, first: Token): CreateShare {
  const ifNotExists = parseIfNotExists(p);
  const name = parseName(p, NAME_PARTS.share);
  const comment = p.accept("COMMENT") ? parseString(p) : undefined;
  p.expectEnd();
  return { kind: "CreateShare", ifNotExists, name, comment, span: p.spanFrom(first) };
}

/** `ALTER SHARE s` + ADD / REMOVE of tables, schemas and views, RENAME TO, OWNER TO (§5). */
export function parseAlterShare(p: Parser, first: Token, typeStart: Token): AlterShare {
  const share = parseName(p, NAME_PARTS.share);
  if (p.accept("ADD")) return parseAdd(p, first, share);
  if (p.accept("REMOVE")) {
    const [type, name] = parseSharedObject(p);
    p.expectEnd();
    const span = p.spanFrom(first);
    if (type === "schema") return { kind: "AlterShareRemoveSchema", share, schema: name, span };
    if (type === "view") return { kind: "AlterShareRemoveView", share, view: name, span };
    return { kind: "AlterShareRemoveTable", share, table: name, span };
  }
  const securable: NamedSecurable = { type: "share", name: share, span: p.spanFrom(typeStart) };
  return parseOwnerOrRename(p, first, securable, true);
}

/**
 * `[TABLE] name`, `SCHEMA name` or `VIEW name`. A keyword followed by `.` starts a table name
 * instead (a catalog called "schema").
 */
function parseSharedObject(p: Parser): ["table" | "schema" | "view", QualifiedName] {
  for (const type of ["schema", "view", "table"] as const) {
    if (p.check(type.toUpperCase()) && !p.isPunct(".", 1)) {
      p.advance();
      return [type, parseName(p, NAME_PARTS[type])];
    }
  }
  return ["table", parseName(p, NAME_PARTS.table)];
}

function parseAdd(p: Parser, first: Token, share: QualifiedName): AlterShare {
  const [type, name] = parseSharedObject(p);
  if (type === "schema") {
    const comment = p.accept("COMMENT") ? parseString(p) : undefined;
    p.expectEnd();
    return { kind: "AlterShareAddSchema", share, schema: name, comment, span: p.spanFrom(first) };
  }
  let comment: string | undefined;
  let alias: QualifiedName | undefined;
  let partitions: PartitionSpec[] | undefined;
  let history: boolean | undefined;
  const clauses: Clause[] = [
    { keywords: ["COMMENT"], parse: () => (comment = parseString(p)) },
    // Shared as `schema.table` in the recipient's view of the share.
    { keywords: ["AS"], parse: () => (alias = parseName(p, 2)) },
  ];
  if (type === "table") {
    clauses.push(
      { keywords: ["PARTITION"], parse: () => (partitions = parsePartitionSpecs(p)) },
      { keywords: ["WITH", "HISTORY"], group: "history", parse: () => (history = true) },
      { keywords: ["WITHOUT", "HISTORY"], group: "history", parse: () => (history = false) },
    );
  }
  parseClauses(p, clauses);
  p.expectEnd();
  const span = p.spanFrom(first);
  if (type === "view") return { kind: "AlterShareAddView", share, view: name, comment, alias, span };
  return { kind: "AlterShareAddTable", share, table: name, comment, partitions, alias, history, span };
}

/** `(spec), (spec), ...` after PARTITION; `PARTITION` may be repeated after each comma. */
function parsePartitionSpecs(p: Parser): PartitionSpec[] {
  const specs: PartitionSpec[] = [];
  do {
    p.accept("PARTITION");
    const first = p.current;
    const predicates = parseParenList(p, () => parsePredicate(p));
    specs.push({ predicates, span: p.spanFrom(first) });
  } while (p.acceptPunct(","));
  return specs;
}

/** `col = literal`, `col = CURRENT_RECIPIENT('prop')` or `col LIKE 'pattern'`. */
function parsePredicate(p: Parser): PartitionPredicate {
  const first = p.current;
  const column = parseIdentifier(p);
  if (p.accept("LIKE")) {
    const at = p.current;
    const value = parseLiteral(p);
    if (value.kind !== "string") throw p.errorAt(at, ["string literal"]);
    return { column, op: "LIKE", value, span: p.spanFrom(first) };
  }
  p.expectPunct("=");
  const value = p.check("CURRENT_RECIPIENT") ? parseCurrentRecipient(p) : parseLiteral(p);
  return { column, op: "=", value, span: p.spanFrom(first) };
}

/** `CURRENT_RECIPIENT('prop')`, or the newer `CURRENT_RECIPIENT().prop` spelling. */
function parseCurrentRecipient(p: Parser): CurrentRecipient {
  const first = p.advance();
  p.expectPunct("(");
  let property: string;
  if (p.acceptPunct(")")) {
    p.expectPunct(".");
    property = parsePropertyKey(p);
  } else {
    property = parseString(p);
    p.expectPunct(")");
  }
  return { kind: "current_recipient", property, span: p.spanFrom(first) };
}
