import type { StoredPartitionSpec } from "../../../schema/index";

/** Raw partition values of a file, keyed by logical column name; null for a null partition. */
export type PartitionValues = Record<string, string | null>;

/** Delta type names of the partition columns (logical names), for comparing values. */
export type PartitionTypes = ReadonlyMap<string, string>;

/**
 * Compiles a share's partition specs for one recipient into a file filter. Fails closed: a
 * recipient without the property a spec names, or a spec naming a column that is no longer a
 * partition column, matches nothing — a recipient never sees partitions it was not given.
 * Without specs every file passes.
 */
export function compilePartitionFilter(
  specs: readonly StoredPartitionSpec[] | null | undefined,
  recipientProperties: Readonly<Record<string, string>>,
  types: PartitionTypes,
): ((values: PartitionValues) => boolean) | undefined {
  if (!specs || specs.length === 0) return undefined;
  const columns = new Map([...types.keys()].map((c) => [c.toLowerCase(), c]));
  const compiled = specs.map((spec) =>
    spec.values.map((v) => {
      const column = columns.get(v.name.toLowerCase());
      if (!column) return () => false;
      const type = types.get(column)!;
      if (v.recipient_property_key) {
        const wanted = recipientProperties[v.recipient_property_key];
        if (wanted === undefined) return () => false;
        return (pv: PartitionValues) => sameValue(pv[column] ?? null, wanted, type);
      }
      if (v.op === "LIKE") {
        const re = likeRegex(v.value ?? "");
        return (pv: PartitionValues) => pv[column] !== null && pv[column] !== undefined && re.test(pv[column]!);
      }
      const wanted = v.value ?? null;
      return (pv: PartitionValues) => (wanted === null ? (pv[column] ?? null) === null : sameValue(pv[column] ?? null, wanted, type));
    }),
  );
  return (values) => compiled.some((conditions) => conditions.every((test) => test(values)));
}

/** Equality of a raw partition value and a literal, by the column's type. */
function sameValue(raw: string | null, literal: string, type: string): boolean {
  if (raw === null) return false;
  if (raw === literal) return true;
  if (type === "boolean") return raw.toLowerCase() === literal.toLowerCase();
  if (/^(byte|short|integer|long|float|double|decimal)/.test(type)) {
    const a = Number(raw);
    const b = Number(literal);
    return raw.trim() !== "" && literal.trim() !== "" && Number.isFinite(a) && a === b;
  }
  return false;
}

/** SQL LIKE: `%` any run, `_` one character, everything else literal; case-sensitive. */
function likeRegex(pattern: string): RegExp {
  let src = "";
  for (const ch of pattern) src += ch === "%" ? "[\\s\\S]*" : ch === "_" ? "[\\s\\S]" : ch.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`^${src}$`, "u");
}
