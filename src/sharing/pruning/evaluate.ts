import type { FileStats } from "../../delta/stats";
import type { PredicateNode } from "./predicate";
import { compare, fromStat, fromText, maxMayBeTruncated, type Comparable } from "./values";

/**
 * Best-effort file pruning (issue 8 §5, digest A.7). Every node evaluates to the set of values
 * it may take on some row of the file — TRUE, FALSE or NULL (SQL's unknown) — and a file is
 * kept when TRUE is possible. Partition values are exact for the whole file; stats give
 * ranges; what we cannot read (missing stats, type mismatches, unknown ops) may be anything.
 * So a file that could hold a matching row is never dropped.
 */
const T = 1;
const F = 2;
const N = 4;
const ANY = T | F | N;

/** What is known about one file. Keys are logical column names, lowercase. */
export interface FileFacts {
  partitionValues: ReadonlyMap<string, string | null>;
  /** Stats, read only when a hint names a non-partition column. */
  stats(): FileStats | undefined;
}

/** Whether the file may hold a row for which `node` is TRUE. */
export function mayMatch(node: PredicateNode, facts: FileFacts): boolean {
  return (evaluate(node, facts) & T) !== 0;
}

function evaluate(node: PredicateNode, facts: FileFacts): number {
  const kids = node.children ?? [];
  switch (node.op) {
    case "and": {
      const sets = kids.map((k) => evaluate(k, facts));
      return (sets.every((s) => s & T) ? T : 0) | (sets.some((s) => s & F) ? F : 0) | (sets.every((s) => s & (T | N)) && sets.some((s) => s & N) ? N : 0);
    }
    case "or": {
      const sets = kids.map((k) => evaluate(k, facts));
      return (sets.some((s) => s & T) ? T : 0) | (sets.every((s) => s & F) ? F : 0) | (sets.every((s) => s & (F | N)) && sets.some((s) => s & N) ? N : 0);
    }
    case "not": {
      const s = evaluate(kids[0]!, facts);
      return (s & T ? F : 0) | (s & F ? T : 0) | (s & N);
    }
    case "isNull":
      return isNull(kids[0]!, facts);
    case "equal":
    case "lessThan":
    case "lessThanOrEqual":
    case "greaterThan":
    case "greaterThanOrEqual":
      return comparison(node.op, kids[0]!, kids[1]!, facts);
    default:
      return ANY;
  }
}

const FLIP: Record<string, string> = { equal: "equal", lessThan: "greaterThan", lessThanOrEqual: "greaterThanOrEqual", greaterThan: "lessThan", greaterThanOrEqual: "lessThanOrEqual" };

function comparison(op: string, left: PredicateNode, right: PredicateNode, facts: FileFacts): number {
  if (left.op === "literal" && right.op === "column") return comparison(FLIP[op]!, right, left, facts);
  if (left.op !== "column" || right.op !== "literal") return ANY;
  const literal = fromText(right.value!, right.valueType!);
  if (literal === undefined) return ANY;
  const name = left.name!.toLowerCase();
  if (facts.partitionValues.has(name)) {
    const raw = facts.partitionValues.get(name)!;
    if (raw === null) return N;
    // Partition timestamps are written in the writer's session time zone: not comparable.
    const value = left.valueType === "timestamp" ? undefined : fromText(raw, left.valueType!);
    return value === undefined ? ANY : holds(op, compare(value, literal)) ? T : F;
  }
  const stats = facts.stats();
  const range = stats && statRange(stats, name, left.valueType!);
  if (!range) return ANY;
  if (range.allNull) return N;
  const { min, max } = range;
  let out = range.someNull ? N : 0;
  const lo = min === undefined ? -1 : compare(min, literal);
  const hi = max === undefined ? 1 : compare(max, literal);
  if (op === "equal") out |= (lo <= 0 && hi >= 0 ? T : 0) | (lo === 0 && hi === 0 ? 0 : F);
  else if (op === "lessThan") out |= (lo < 0 ? T : 0) | (hi >= 0 ? F : 0);
  else if (op === "lessThanOrEqual") out |= (lo <= 0 ? T : 0) | (hi > 0 ? F : 0);
  else if (op === "greaterThan") out |= (hi > 0 ? T : 0) | (lo <= 0 ? F : 0);
  else out |= (hi >= 0 ? T : 0) | (lo < 0 ? F : 0);
  return out;
}

function holds(op: string, c: number): boolean {
  return op === "equal" ? c === 0 : op === "lessThan" ? c < 0 : op === "lessThanOrEqual" ? c <= 0 : op === "greaterThan" ? c > 0 : c >= 0;
}

function isNull(column: PredicateNode, facts: FileFacts): number {
  const name = column.name!.toLowerCase();
  if (facts.partitionValues.has(name)) return facts.partitionValues.get(name) === null ? T : F;
  const stats = facts.stats();
  const nulls = stats ? lookup(stats.nullCount, name) : undefined;
  if (typeof nulls !== "number") return T | F;
  if (nulls === 0) return F;
  return stats!.numRecords !== undefined && nulls === stats!.numRecords ? T : T | F;
}

interface Range {
  min?: Comparable;
  max?: Comparable;
  someNull: boolean;
  allNull: boolean;
}

/** The [min, max] of a column from stats; undefined bounds are open. */
function statRange(stats: FileStats, name: string, valueType: string): Range | undefined {
  const nulls = lookup(stats.nullCount, name);
  const known = typeof nulls === "number";
  if (known && stats.numRecords !== undefined && nulls === stats.numRecords) return { someNull: true, allNull: stats.numRecords > 0 };
  const rawMin = lookup(stats.minValues, name);
  const rawMax = lookup(stats.maxValues, name);
  if (rawMin === undefined && rawMax === undefined) return undefined;
  const min = rawMin === undefined ? undefined : fromStat(rawMin, valueType);
  let max = rawMax === undefined || maxMayBeTruncated(rawMax, valueType) ? undefined : fromStat(rawMax, valueType);
  // Timestamp stats are cut to milliseconds; one more ms covers the cut-off microseconds.
  if (valueType === "timestamp" && rawMax !== undefined) max = ((fromStat(rawMax, valueType) as number | undefined) ?? NaN) + 1;
  if (typeof max === "number" && Number.isNaN(max)) max = undefined;
  return { min, max, someNull: !known || (nulls as number) > 0, allNull: false };
}

/** A stats entry by (possibly dotted, nested) logical name, case-insensitively. */
function lookup(values: Record<string, unknown>, name: string): unknown {
  let current: unknown = values;
  for (const part of name.split(".")) {
    if (!current || typeof current !== "object") return undefined;
    const entry = Object.entries(current as Record<string, unknown>).find(([k]) => k.toLowerCase() === part);
    current = entry?.[1];
  }
  return current;
}
