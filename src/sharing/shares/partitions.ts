import { invalidArgument } from "../../errors";
import type { StoredPartitionSpec, StoredPartitionValue } from "../../../schema/index";
import type { PartitionSpec as SqlPartitionSpec } from "../../sql/ast";

/**
 * Partition specs of a shared table (uc-semantics §5): `PARTITION (a = 1, b LIKE 'x%'), (...)`.
 * Conditions of one spec are AND-ed, specs are OR-ed. A value may be
 * `CURRENT_RECIPIENT('key')`, resolved per recipient from its properties, so one share serves
 * each recipient only its own partitions (issue 8 §6).
 */

/** Checks specs against the table's partition columns and normalises names to lowercase. */
export function validatePartitions(specs: readonly StoredPartitionSpec[], partitionColumns: readonly string[], field = "partitions"): StoredPartitionSpec[] {
  const known = new Map(partitionColumns.map((c) => [c.toLowerCase(), c]));
  if (specs.length > 0 && known.size === 0) throw invalidArgument(`Invalid ${field}: the table is not partitioned.`, { field });
  return specs.map((spec, i) => {
    if (!spec || !Array.isArray(spec.values) || spec.values.length === 0) {
      throw invalidArgument(`Invalid ${field}[${i}]: a partition spec needs at least one value.`, { field });
    }
    return {
      values: spec.values.map((v, j) => {
        const where = `${field}[${i}].values[${j}]`;
        const name = typeof v?.name === "string" ? v.name.toLowerCase() : "";
        if (!known.has(name)) {
          throw invalidArgument(`Invalid ${where}: '${String(v?.name)}' is not a partition column (partition columns: ${[...known.values()].join(", ")}).`, { field });
        }
        const op = v.op ?? "EQUAL";
        if (op !== "EQUAL" && op !== "LIKE") throw invalidArgument(`Invalid ${where}.op: expected EQUAL or LIKE.`, { field });
        const key = v.recipient_property_key ?? null;
        if (key !== null && (op !== "EQUAL" || (v.value !== undefined && v.value !== null))) {
          throw invalidArgument(`Invalid ${where}: a recipient property is compared with EQUAL and takes no value.`, { field });
        }
        if (op === "LIKE" && typeof v.value !== "string") throw invalidArgument(`Invalid ${where}: LIKE needs a string pattern.`, { field });
        const out: StoredPartitionValue = { name, op };
        if (key !== null) out.recipient_property_key = String(key);
        else out.value = v.value === undefined || v.value === null ? null : String(v.value);
        return out;
      }),
    };
  });
}

/** The stored form of the SQL `PARTITION (...)` clauses. */
export function partitionsFromSql(specs: readonly SqlPartitionSpec[] | undefined): StoredPartitionSpec[] | undefined {
  if (!specs) return undefined;
  return specs.map((spec) => ({
    values: spec.predicates.map((p): StoredPartitionValue => {
      const name = p.column.value.toLowerCase();
      const op = p.op === "LIKE" ? "LIKE" : "EQUAL";
      if ("property" in p.value) return { name, op, recipient_property_key: p.value.property };
      const lit = p.value;
      const value = lit.kind === "null" ? null : lit.kind === "boolean" ? String(lit.value) : lit.value;
      return { name, op, value };
    }),
  }));
}

/** Human text of specs, for SHOW ALL IN SHARE. */
export function formatPartitions(specs: readonly StoredPartitionSpec[] | null): string | null {
  if (!specs || specs.length === 0) return null;
  return specs
    .map((s) => `(${s.values.map((v) => `${v.name} ${v.op === "LIKE" ? "LIKE" : "="} ${v.recipient_property_key ? `CURRENT_RECIPIENT('${v.recipient_property_key}')` : v.value === null || v.value === undefined ? "NULL" : `'${v.value}'`}`).join(", ")})`)
    .join(", ");
}
