import type { ObjectStore } from "../storage/object-store";
import { asDirectoryUrl } from "../storage/url";
import type { DeletionVectorDescriptor } from "./actions";
import { crc32 } from "./crc32";
import { DeltaError } from "./errors";
import { resolveLogPath } from "./paths";
import { decodeDeletionBitmap } from "./roaring";
import { z85Decode, z85DecodeUuid } from "./z85";

/**
 * Deletion vectors (PROTOCOL.md "Deletion Vectors"): which rows of a data file are deleted.
 * A reader must drop those rows; `loadDeletedRows` returns their 0-based row indexes.
 */

/** Sorted row indexes deleted by a DV, with a binary-search membership test. */
export class DeletedRows {
  constructor(readonly rows: readonly number[]) {}
  get size(): number {
    return this.rows.length;
  }
  /** True when row `index` (0-based position in the parquet file) is deleted. */
  has(index: number): boolean {
    let lo = 0;
    let hi = this.rows.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = this.rows[mid]!;
      if (v === index) return true;
      if (v < index) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  }
}

/**
 * URL of the file holding an on-disk DV, or undefined for an inline one. `u`: optional random
 * prefix + 20-char Z85 UUID → `<table>/<prefix>/deletion_vector_<uuid>.bin`; `p`: absolute URI.
 */
export function deletionVectorUrl(tableUrl: string, dv: DeletionVectorDescriptor): string | undefined {
  switch (dv.storageType) {
    case "i":
      return undefined;
    case "p":
      return resolveLogPath(tableUrl, dv.pathOrInlineDv);
    case "u": {
      const s = dv.pathOrInlineDv;
      if (s.length < 20) throw new DeltaError("DELTA_LOG_CORRUPT", `bad relative DV path "${s}"`);
      const prefix = s.slice(0, s.length - 20);
      const file = `deletion_vector_${z85DecodeUuid(s.slice(-20))}.bin`;
      return asDirectoryUrl(tableUrl) + (prefix ? `${prefix}/${file}` : file);
    }
    default:
      throw new DeltaError("DELTA_UNSUPPORTED_FEATURE", `unknown deletion vector storage type "${String(dv.storageType)}"`);
  }
}

/**
 * Load and decode a DV into its deleted row indexes, verifying the on-disk framing
 * (big-endian size, bitmap, big-endian CRC-32) and that the count equals `cardinality`.
 * @throws DeltaError DELTA_LOG_CORRUPT when anything does not check out
 */
export async function loadDeletedRows(store: ObjectStore, tableUrl: string, dv: DeletionVectorDescriptor): Promise<DeletedRows> {
  const url = deletionVectorUrl(tableUrl, dv);
  let bitmap: Uint8Array;
  if (url === undefined) {
    // Inline: Z85 of the bitmap, padded to a multiple of 4 bytes.
    bitmap = z85Decode(dv.pathOrInlineDv).subarray(0, dv.sizeInBytes);
  } else {
    // The file starts with a format-version byte, so a DV is never at offset 0.
    const offset = dv.offset ?? 1;
    const framed = await store.get(url, { offset, length: dv.sizeInBytes + 8 });
    const what = `deletion vector ${url}@${offset}`;
    if (framed.byteLength < dv.sizeInBytes + 8) throw new DeltaError("DELTA_LOG_CORRUPT", `${what} is truncated`);
    const view = new DataView(framed.buffer, framed.byteOffset, framed.byteLength);
    const size = view.getUint32(0, false);
    if (size !== dv.sizeInBytes) {
      throw new DeltaError("DELTA_LOG_CORRUPT", `${what}: stored size ${size} != descriptor sizeInBytes ${dv.sizeInBytes}`);
    }
    bitmap = framed.subarray(4, 4 + size);
    const expected = view.getUint32(4 + size, false);
    const actual = crc32(bitmap);
    if (expected !== actual) throw new DeltaError("DELTA_LOG_CORRUPT", `${what}: checksum mismatch (stored ${expected}, computed ${actual})`);
  }
  const rows = decodeDeletionBitmap(bitmap);
  if (rows.length !== dv.cardinality) {
    throw new DeltaError("DELTA_LOG_CORRUPT", `deletion vector decodes to ${rows.length} rows but its cardinality is ${dv.cardinality}`);
  }
  return new DeletedRows(rows);
}
