import type { AddFile } from "./actions";
import { statsKeysToLogical, type ColumnMappingMode } from "./column-mapping";
import type { StructType } from "./schema";

/**
 * Per-file statistics (PROTOCOL.md "Per-file Statistics"), keyed by logical column names.
 * `numRecords` counts physical rows (deletion vectors not subtracted). Values are JSON-typed
 * as written; min/max of strings may be truncated prefixes, so use them only for skipping.
 */
export interface FileStats {
  numRecords?: number;
  minValues: Record<string, unknown>;
  maxValues: Record<string, unknown>;
  nullCount: Record<string, unknown>;
  /** False when, with DVs, bounds describe the whole physical file rather than live rows. */
  tightBounds?: boolean;
}

/**
 * Parse a file's stats: the `stats` JSON string, else checkpoint `stats_parsed`. Returns
 * undefined when the file has none or the JSON is unusable (stats are optional, so bad stats
 * must not make the table unreadable — they only disable skipping for that file).
 */
export function parseFileStats(add: AddFile, schema: StructType, mode: ColumnMappingMode): FileStats | undefined {
  let raw: Record<string, unknown> | undefined;
  if (typeof add.stats === "string" && add.stats !== "") {
    try {
      const parsed: unknown = JSON.parse(add.stats);
      if (parsed && typeof parsed === "object") raw = parsed as Record<string, unknown>;
    } catch {
      return undefined;
    }
  } else if (add.stats_parsed) raw = add.stats_parsed;
  if (!raw) return undefined;
  const obj = (v: unknown) => (v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
  const numRecords = typeof raw.numRecords === "number" ? raw.numRecords : undefined;
  return {
    numRecords,
    minValues: statsKeysToLogical(obj(raw.minValues), schema, mode),
    maxValues: statsKeysToLogical(obj(raw.maxValues), schema, mode),
    nullCount: statsKeysToLogical(obj(raw.nullCount), schema, mode),
    tightBounds: typeof raw.tightBounds === "boolean" ? raw.tightBounds : undefined,
  };
}

/**
 * Only numRecords, found without parsing the whole stats JSON: it is the first key in
 * practice, so a prefix match avoids JSON.parse of min/max for row counting.
 */
export function fileNumRecords(add: AddFile): number | undefined {
  const s = add.stats;
  if (typeof s === "string") {
    const m = /^\{\s*"numRecords"\s*:\s*(\d+)\s*[,}]/.exec(s);
    if (m) return Number(m[1]);
    try {
      const v = (JSON.parse(s) as { numRecords?: unknown }).numRecords;
      return typeof v === "number" ? v : undefined;
    } catch {
      return undefined;
    }
  }
  const v = add.stats_parsed?.numRecords;
  return typeof v === "number" ? v : undefined;
}
