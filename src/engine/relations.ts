/**
 * Column provenance, tracked while a query is rewritten, for column-level lineage
 * (issue 6 §6): every output column of a query knows which source columns feed it.
 */

/** One column of a catalog table or view that data comes from. */
export interface ColumnSource {
  table: string;
  column: string;
}

/** An output column and the source columns its value is computed from. */
export interface RelationColumn {
  name: string;
  sources: ColumnSource[];
}

/** The output of a query, a CTE, a subquery or a table reference. */
export interface Relation {
  columns: RelationColumn[];
}

export const EMPTY_RELATION: Relation = { columns: [] };

/** A relation whose columns come straight from a catalog table or view. */
export function tableRelation(fullName: string, columns: readonly string[]): Relation {
  return { columns: columns.map((c) => ({ name: c, sources: [{ table: fullName, column: c }] })) };
}

/** Sources without repeats, in first-seen order. */
export function mergeSources(lists: readonly ColumnSource[][]): ColumnSource[] {
  const seen = new Set<string>();
  const out: ColumnSource[] = [];
  for (const s of lists.flat()) {
    const key = `${s.table}\u0000${s.column}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(s);
  }
  return out;
}

/** A set operation's output: column i draws on column i of every branch. */
export function unionRelations(left: Relation, right: Relation): Relation {
  return { columns: left.columns.map((c, i) => ({ name: c.name, sources: mergeSources([c.sources, right.columns[i]?.sources ?? []]) })) };
}

/** A FROM item as column references see it: its alias and its relation. */
export interface FromEntry {
  alias: string;
  relation: Relation;
}

/** Finds what `qualifier.column` (or a bare `column`) refers to among the FROM entries. */
export function lookupColumn(entries: readonly FromEntry[], qualifier: string | undefined, column: string): RelationColumn | undefined {
  const name = column.toLowerCase();
  const candidates = qualifier === undefined ? entries : entries.filter((e) => e.alias === qualifier.toLowerCase());
  for (const e of candidates) {
    const hit = e.relation.columns.find((c) => c.name.toLowerCase() === name);
    if (hit) return hit;
  }
  return undefined;
}
