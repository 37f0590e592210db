import { expect } from "vitest";
import { parseStatement, type StatementKind, type StatementOf } from "../../src/sql/index";

/** Parses one statement and checks its kind, returning it narrowed to that kind. */
export function parseAs<K extends StatementKind>(sql: string, kind: K): StatementOf<K> {
  const stmt = parseStatement(sql);
  expect(stmt.kind).toBe(kind);
  return stmt as StatementOf<K>;
}
