import { parquetMetadata, parquetReadObjects, parquetSchema } from "hyparquet";
import { codecs } from "./codecs";
import { DeltaError } from "./errors";

/**
 * Parquet decoding for checkpoints and sidecars.
 *
 * Why hyparquet: it is pure JavaScript with no native or WASM parts and no Node APIs, so the
 * same code runs in Node, in tests and on Cloudflare Workers (where DuckDB and native parquet
 * bindings cannot). It decodes nested structs, MAPs and LISTs — the shape of checkpoint rows —
 * into plain objects, and lets us read only the top-level action columns we need. Codecs come
 * from codecs.ts (pure JS; hyparquet-compressors' index would compile WebAssembly on import).
 * Checkpoints normally take the faster leaf-column path (checkpoint-leaves.ts); this generic
 * path is its fallback for layouts that path leaves alone.
 */

/**
 * Decode the rows of a parquet file into objects, reading only `columns` that exist in it.
 * @param bytes the whole parquet file
 * @param columns top-level columns wanted; missing ones are simply absent from the rows
 * @param what file name for error messages
 */
export async function readParquetRows(
  bytes: Uint8Array,
  columns: readonly string[],
  what: string,
): Promise<Record<string, unknown>[]> {
  const buffer = toArrayBuffer(bytes);
  try {
    const metadata = parquetMetadata(buffer);
    const present = new Set(parquetSchema(metadata).children.map((c) => c.element.name));
    const wanted = columns.filter((c) => present.has(c));
    if (wanted.length === 0) return [];
    return (await parquetReadObjects({ file: buffer, metadata, columns: wanted, compressors: codecs })) as Record<string, unknown>[];
  } catch (err) {
    throw new DeltaError("DELTA_LOG_CORRUPT", `cannot read parquet file ${what}: ${String(err)}`, { cause: err });
  }
}

/** The bytes as an ArrayBuffer of their own (no copy when they already are one). */
export function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  if (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer) {
    return bytes.buffer;
  }
  return bytes.slice().buffer as ArrayBuffer;
}

/**
 * Parquet INT64 arrives as bigint; the protocol's longs (sizes, ms timestamps, versions) fit
 * in a double, so convert at the edge. Nested objects/arrays are converted recursively.
 */
export function normaliseLongs<T>(value: T): T {
  if (typeof value === "bigint") return Number(value) as T;
  if (Array.isArray(value)) return value.map(normaliseLongs) as T;
  if (value && typeof value === "object" && !(value instanceof Uint8Array) && !(value instanceof Date)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = normaliseLongs(v);
    return out as T;
  }
  return value;
}
