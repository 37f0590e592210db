import { DeltaError } from "./errors";
import type { DeltaType } from "./schema";

/**
 * Typed partition values (PROTOCOL.md "Partition Value Serialization").
 *
 * Representation: string → string; byte/short/integer/float/double → number; long → bigint
 * (exact); boolean → boolean; decimal → its text (exact, scale kept); date → `YYYY-MM-DD`;
 * timestamp / timestamp_ntz → microseconds since the epoch (number; an old-style timestamp
 * without zone is read as UTC, since the writer's session zone is not recorded); binary →
 * Uint8Array of the string's UTF-8 bytes. `null` and `""` both mean null.
 */
export type PartitionValue = string | number | bigint | boolean | Uint8Array | null;

const INT = /^[+-]?\d+$/;
const DATE = /^(\d{4,})-(\d{2})-(\d{2})$/;
const TS = /^(\d{4,})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:?\d{2})?$/;
const encoder = new TextEncoder();

/**
 * Parse one serialized partition value by its column type.
 * @throws DeltaError DELTA_LOG_CORRUPT when the text does not fit the type
 */
export function parsePartitionValue(raw: string | null | undefined, type: DeltaType, column: string): PartitionValue {
  if (raw === null || raw === undefined || raw === "") return null;
  const fail = () => new DeltaError("DELTA_LOG_CORRUPT", `partition value ${JSON.stringify(raw)} is not a valid ${describe(type)} for column "${column}"`);
  if (type.kind === "decimal") {
    if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(raw)) throw fail();
    return raw;
  }
  if (type.kind !== "primitive") throw fail();
  switch (type.name) {
    case "string":
      return raw;
    case "byte":
    case "short":
    case "integer": {
      if (!INT.test(raw)) throw fail();
      return Number(raw);
    }
    case "long":
      if (!INT.test(raw)) throw fail();
      return BigInt(raw);
    case "float":
    case "double": {
      const v = raw === "NaN" ? NaN : raw === "Infinity" ? Infinity : raw === "-Infinity" ? -Infinity : Number(raw);
      if (Number.isNaN(v) && raw !== "NaN") throw fail();
      return v;
    }
    case "boolean": {
      const lower = raw.toLowerCase();
      if (lower !== "true" && lower !== "false") throw fail();
      return lower === "true";
    }
    case "date":
      if (!DATE.test(raw)) throw fail();
      return raw;
    case "timestamp":
    case "timestamp_ntz":
      return parseTimestampMicros(raw) ?? (() => { throw fail(); })();
    case "binary":
      return encoder.encode(raw);
    default:
      throw fail();
  }
}

/** `YYYY-MM-DD HH:MM:SS[.ffffff]` or ISO-8601 with zone → microseconds since the epoch. */
export function parseTimestampMicros(text: string): number | undefined {
  const m = TS.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, frac = "", zone] = m;
  let ms = Date.UTC(+y!, +mo! - 1, +d!, +h!, +mi!, +s!);
  if (zone && zone !== "Z") {
    const sign = zone[0] === "-" ? -1 : 1;
    const digits = zone.slice(1).replace(":", "");
    ms -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
  }
  return ms * 1000 + Number(frac.padEnd(6, "0").slice(0, 6));
}

function describe(type: DeltaType): string {
  if (type.kind === "primitive") return type.name;
  if (type.kind === "decimal") return `decimal(${type.precision},${type.scale})`;
  return type.kind;
}
