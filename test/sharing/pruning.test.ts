import { describe, expect, it } from "vitest";
import type { FileStats } from "../../src/delta/stats";
import { mayMatch, type FileFacts } from "../../src/sharing/pruning/evaluate";
import { parseJsonPredicate, type PredicateNode } from "../../src/sharing/pruning/predicate";
import { sqlHintsToPredicate } from "../../src/sharing/pruning/sql-hints";
import { parseSchema } from "../../src/delta/schema";

const col = (name: string, valueType: string): PredicateNode => ({ op: "column", name, valueType });
const lit = (value: string, valueType: string): PredicateNode => ({ op: "literal", value, valueType });
const cmp = (op: string, name: string, value: string, valueType = "int"): PredicateNode => ({ op, children: [col(name, valueType), lit(value, valueType)] });
const facts = (partitions: Record<string, string | null>, stats?: Partial<FileStats>): FileFacts => ({
  partitionValues: new Map(Object.entries(partitions)),
  stats: () => (stats ? { minValues: {}, maxValues: {}, nullCount: {}, ...stats } : undefined),
});

describe("jsonPredicateHints evaluation (digest A.7)", () => {
  it("is exact on partition values, with SQL null semantics", () => {
    const eq = cmp("equal", "p", "5");
    expect(mayMatch(eq, facts({ p: "5" }))).toBe(true);
    expect(mayMatch(eq, facts({ p: "6" }))).toBe(false);
    expect(mayMatch(eq, facts({ p: null }))).toBe(false);
    expect(mayMatch({ op: "not", children: [eq] }, facts({ p: null }))).toBe(false);
    expect(mayMatch({ op: "isNull", children: [col("p", "int")] }, facts({ p: null }))).toBe(true);
    expect(mayMatch(cmp("lessThan", "p", "10"), facts({ p: "9" }))).toBe(true);
    expect(mayMatch(cmp("lessThan", "p", "10"), facts({ p: "10" }))).toBe(false);
    expect(mayMatch({ op: "equal", children: [lit("5", "int"), col("p", "int")] }, facts({ p: "5" }))).toBe(true);
    expect(mayMatch({ op: "greaterThan", children: [lit("5", "int"), col("p", "int")] }, facts({ p: "7" }))).toBe(false);
  });

  it("prunes with min/max stats but keeps files whose stats are missing or cannot be read", () => {
    const stats = { numRecords: 10, minValues: { x: 10 }, maxValues: { x: 20 }, nullCount: { x: 0 } };
    expect(mayMatch(cmp("equal", "x", "15"), facts({}, stats))).toBe(true);
    expect(mayMatch(cmp("equal", "x", "25"), facts({}, stats))).toBe(false);
    expect(mayMatch(cmp("greaterThanOrEqual", "x", "20"), facts({}, stats))).toBe(true);
    expect(mayMatch(cmp("greaterThan", "x", "20"), facts({}, stats))).toBe(false);
    expect(mayMatch(cmp("lessThan", "x", "10"), facts({}, stats))).toBe(false);
    expect(mayMatch(cmp("equal", "x", "25"), facts({}))).toBe(true);
    expect(mayMatch(cmp("equal", "y", "25"), facts({}, stats))).toBe(true);
    expect(mayMatch(cmp("equal", "x", "abc"), facts({}, stats))).toBe(true);
    expect(mayMatch(cmp("equal", "x", "25", "string"), facts({}, stats))).toBe(true);
    expect(mayMatch({ op: "isNull", children: [col("x", "int")] }, facts({}, stats))).toBe(false);
    expect(mayMatch({ op: "isNull", children: [col("x", "int")] }, facts({}, { numRecords: 10, nullCount: { x: 10 } }))).toBe(true);
    expect(mayMatch(cmp("equal", "x", "1"), facts({}, { numRecords: 10, nullCount: { x: 10 } }))).toBe(false);
  });

  it("treats truncated string maxima and millisecond timestamp maxima as possibly larger", () => {
    const long = "a".repeat(32);
    expect(mayMatch(cmp("equal", "s", long + "zzz", "string"), facts({}, { numRecords: 1, minValues: { s: "a" }, maxValues: { s: long }, nullCount: { s: 0 } }))).toBe(true);
    const ts = { numRecords: 1, minValues: { t: "2024-01-01T00:00:00.000Z" }, maxValues: { t: "2024-01-01T00:00:00.000Z" }, nullCount: { t: 0 } };
    expect(mayMatch(cmp("equal", "t", "2024-01-01T00:00:00.000500Z", "timestamp"), facts({}, ts))).toBe(true);
    expect(mayMatch(cmp("equal", "t", "2024-01-02T00:00:00Z", "timestamp"), facts({}, ts))).toBe(false);
  });

  it("combines with Kleene logic and keeps everything for unknown ops", () => {
    const stats = { numRecords: 10, minValues: { x: 10 }, maxValues: { x: 20 }, nullCount: { x: 0 } };
    const no = cmp("equal", "x", "99");
    const maybe = cmp("equal", "x", "15");
    expect(mayMatch({ op: "and", children: [no, maybe] }, facts({}, stats))).toBe(false);
    expect(mayMatch({ op: "or", children: [no, maybe] }, facts({}, stats))).toBe(true);
    expect(mayMatch({ op: "not", children: [no] }, facts({}, stats))).toBe(true);
    expect(mayMatch({ op: "not", children: [maybe] }, facts({}, stats))).toBe(true);
    expect(mayMatch({ op: "fancyNewOp", children: [no] }, facts({}, stats))).toBe(true);
  });

  it("ignores hints that are invalid, too deep or too large", () => {
    expect(parseJsonPredicate("{")).toBeUndefined();
    expect(parseJsonPredicate(JSON.stringify({ op: "equal", children: [col("x", "int")] }))).toBeUndefined();
    let deep: PredicateNode = cmp("equal", "x", "1");
    for (let i = 0; i < 120; i++) deep = { op: "not", children: [deep] };
    expect(parseJsonPredicate(JSON.stringify(deep))).toBeUndefined();
    expect(parseJsonPredicate(" ".repeat(1024 * 1024 + 1))).toBeUndefined();
    expect(parseJsonPredicate(JSON.stringify(cmp("equal", "x", "1")))).toEqual(cmp("equal", "x", "1"));
  });
});

describe("legacy predicateHints", () => {
  const schema = parseSchema(JSON.stringify({ type: "struct", fields: [
    { name: "date", type: "date", nullable: true, metadata: {} },
    { name: "n", type: "integer", nullable: true, metadata: {} },
    { name: "blob", type: "binary", nullable: true, metadata: {} },
  ] }));

  it("types literals by the column's schema type and skips what it cannot read", () => {
    expect(sqlHintsToPredicate(["date = '2021-01-01'"], schema)).toEqual(cmp("equal", "date", "2021-01-01", "date"));
    expect(sqlHintsToPredicate(["n >= 3", "n IS NOT NULL", "blob = 'x'", "n between 1 and 2"], schema)).toEqual({
      op: "and",
      children: [cmp("greaterThanOrEqual", "n", "3"), { op: "not", children: [{ op: "isNull", children: [col("n", "int")] }] }],
    });
    expect(sqlHintsToPredicate(["n <> 4"], schema)).toEqual({ op: "not", children: [cmp("equal", "n", "4")] });
    expect(sqlHintsToPredicate(["nonsense"], schema)).toBeUndefined();
  });
});
