import { compareKeys } from "../../storage/url";

/**
 * Typed comparison of hint literals with partition values and stats (digest A.7 valueType).
 * Anything that cannot be read with certainty answers undefined, which the evaluator treats as
 * "could be anything": a type mismatch, an unsafe integer or a non-finite float never drops a
 * file.
 */
export type Comparable = number | string | boolean;

/** A literal (or a partition value, both strings on the wire) read as `valueType`. */
export function fromText(text: string, valueType: string): Comparable | undefined {
  switch (valueType) {
    case "bool": {
      const t = text.toLowerCase();
      return t === "true" ? true : t === "false" ? false : undefined;
    }
    case "int":
    case "long": {
      if (!/^-?\d+$/.test(text.trim())) return undefined;
      const n = Number(text);
      return Number.isSafeInteger(n) ? n : undefined;
    }
    case "float":
    case "double": {
      const n = text.trim() === "" ? NaN : Number(text);
      return Number.isFinite(n) ? n : undefined;
    }
    case "string":
      return text;
    case "date":
      return /^\d{4}-\d{2}-\d{2}$/.test(text) ? text : undefined;
    case "timestamp": {
      const ms = /^\d{4}-\d{2}-\d{2}T/.test(text) ? Date.parse(text) : NaN;
      return Number.isFinite(ms) ? ms : undefined;
    }
    default:
      return undefined;
  }
}

/** A min/max stat (JSON typed as written) read as `valueType`. */
export function fromStat(value: unknown, valueType: string): Comparable | undefined {
  if (typeof value === "string") return fromText(value, valueType);
  if (typeof value === "number" && (valueType === "int" || valueType === "long")) return Number.isSafeInteger(value) ? value : undefined;
  if (typeof value === "number" && (valueType === "float" || valueType === "double")) return Number.isFinite(value) ? value : undefined;
  return undefined;
}

/** Three-way comparison of two values of one type; strings in UTF-8 byte order like Spark. */
export function compare(a: Comparable, b: Comparable): number {
  if (typeof a === "string" && typeof b === "string") return compareKeys(a, b);
  if (typeof a === "boolean" && typeof b === "boolean") return Number(a) - Number(b);
  return (a as number) - (b as number);
}

/**
 * Whether a max stat may understate the true maximum: Delta truncates long string stats (to
 * 32 characters by default) and timestamp stats to milliseconds.
 */
export function maxMayBeTruncated(value: unknown, valueType: string): boolean {
  return (valueType === "string" && typeof value === "string" && value.length >= 32) || valueType === "timestamp";
}
