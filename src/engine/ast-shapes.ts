import type { AstNode } from "./sql-ast";
import type { Relation } from "./relations";
import { unsupported } from "./refusals";

/**
 * Reading node-sql-parser's tree: the few shapes the rewriter needs (names of CTEs, functions
 * and columns) and one repair of a known misreading.
 */

/** Lower-cased name of a CTE. */
export function cteName(cte: AstNode): string {
  return String(cte.name?.value ?? cte.name).toLowerCase();
}

/** A CTE's relation under the column names its definition lists (`WITH c(a, b) AS ...`). */
export function renameColumns(relation: Relation, names: unknown): Relation {
  if (!Array.isArray(names) || names.length === 0) return relation;
  return { columns: relation.columns.map((c, i) => ({ ...c, name: String(names[i]?.value ?? names[i] ?? c.name) })) };
}

/** Name parts of a function call (or a table function in FROM). */
export function nameParts(node: AstNode): string[] {
  const name = node.name;
  if (typeof name === "string") return [name];
  return Array.isArray(name?.name) ? name.name.map((p: AstNode) => String(p.value)) : [String(name)];
}

/** The column name of a column reference (`*` for a star). */
export function columnName(ref: AstNode): string {
  const c = ref.column;
  return typeof c === "string" ? c : String(c?.expr?.value ?? "");
}

/** The table qualifier of a column reference, if any. */
export function qualifier(ref: AstNode): string | undefined {
  const t = ref.table;
  if (t === null || t === undefined) return undefined;
  return typeof t === "string" ? t : String(t.value);
}

/**
 * node-sql-parser reads `a CROSS JOIN b` (no alias on a) as `a AS "CROSS" JOIN b`; put the
 * keyword back, and refuse NATURAL JOIN, which it mangles the same way.
 */
export function fixJoinKeywords(from: AstNode[]): void {
  from.forEach((item, i) => {
    const keyword = typeof item.as === "string" ? item.as.toUpperCase() : "";
    const next = from[i + 1];
    if ((keyword !== "CROSS" && keyword !== "NATURAL") || !next || next.on || next.using) return;
    if (keyword === "NATURAL") throw unsupported("NATURAL JOIN");
    item.as = null;
    next.join = "CROSS JOIN";
  });
}
