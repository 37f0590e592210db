/**
 * Value and level decoders for the checkpoint leaf-column reader (parquet-leaf.ts): the
 * RLE/bit-packed hybrid (levels, dictionary indexes, RLE booleans) and PLAIN values of the
 * physical types Delta actions use. Anything else makes the caller fall back to hyparquet.
 */

/** The fast reader cannot handle this file; the generic hyparquet path must read it. */
export class UnsupportedLayout extends Error {}

/** Bits needed for levels/indexes up to `max`. */
export function bitWidth(max: number): number {
  return 32 - Math.clz32(max);
}

/**
 * Decode `count` values of the RLE/bit-packed hybrid encoding into `out` from `at`.
 * @returns the position after the last run read
 */
export function decodeHybrid(
  bytes: Uint8Array, pos: number, end: number, width: number, out: Uint8Array | Int32Array, at: number, count: number,
): number {
  // Bit-packed runs are unpacked through one 32-bit accumulator, which holds up to 24 + 8 bits.
  if (width > 24) throw new UnsupportedLayout(`bit width ${width}`);
  const stop = at + count;
  const mask = (1 << width) - 1;
  const valueBytes = (width + 7) >> 3;
  while (at < stop) {
    if (pos >= end) throw new Error("truncated RLE/bit-packed data");
    let header = 0;
    let mul = 1;
    let b: number;
    do {
      b = bytes[pos++]!;
      header += (b & 0x7f) * mul;
      mul *= 128;
    } while (b & 0x80);
    if (header % 2 === 1) {
      const groups = (header - 1) / 2;
      // Only the values still wanted are unpacked; some writers cut the padding of the last run.
      const wanted = Math.min(groups * 8, stop - at);
      const runEnd = pos + groups * width;
      if (pos + Math.ceil((wanted * width) / 8) > end) throw new Error("truncated bit-packed run");
      let acc = 0;
      let bits = 0;
      for (let k = 0; k < wanted; k++) {
        while (bits < width) {
          acc |= bytes[pos++]! << bits;
          bits += 8;
        }
        out[at++] = acc & mask;
        acc >>>= width;
        bits -= width;
      }
      pos = Math.min(runEnd, end);
    } else {
      let v = 0;
      for (let i = 0; i < valueBytes; i++) v |= bytes[pos++]! << (8 * i);
      const e = Math.min(stop, at + header / 2);
      out.fill(v, at, e);
      at = e;
    }
  }
  if (pos > end) throw new Error("truncated RLE/bit-packed data");
  return pos;
}

const decoder = new TextDecoder();

/**
 * One page's decoded values: numbers (INT32/INT64) in a Float64Array, booleans as 0/1, and
 * strings as (text, start, end) — a slice of a decoded text, made only when the value is
 * read. The typed arrays are reused from page to page.
 */
export interface PageValues {
  size: number;
  numbers: Float64Array;
  bools: Uint8Array;
  texts: string[];
  textOf: Int32Array;
  starts: Int32Array;
  ends: Int32Array;
}

/**
 * Decoded texts are kept under this many bytes: V8 places bigger strings in its large-object
 * space, fresh memory for every page, while smaller ones are allocated in the young
 * generation — and strings that stay alive (file paths) are copied out compactly by the GC.
 */
const TEXT_CHUNK = 16 * 1024;

/**
 * PLAIN BYTE_ARRAY values as strings.
 *
 * Why not one TextDecoder call per value: for 100k+ paths and stats strings those native
 * calls dominate. Instead the 4-byte length prefixes are overwritten with spaces and runs of
 * values are decoded together; if a run is pure ASCII (string length = byte length) each
 * value is a slice of it at its byte offsets, which V8 makes without copying. Otherwise
 * each value of the run is decoded on its own. `bytes` must be a buffer we may overwrite.
 */
export function plainStrings(bytes: Uint8Array, pos: number, end: number, n: number, out: PageValues): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const { starts, ends, textOf } = out;
  for (let i = 0; i < n; i++) {
    if (pos + 4 > end) throw new Error("truncated BYTE_ARRAY value");
    const len = view.getUint32(pos, true);
    bytes[pos] = bytes[pos + 1] = bytes[pos + 2] = bytes[pos + 3] = 32;
    starts[i] = pos + 4;
    pos += 4 + len;
    ends[i] = pos;
  }
  if (pos > end) throw new Error("truncated BYTE_ARRAY value");
  let first = 0;
  while (first < n) {
    // A run: values whose bytes span at most TEXT_CHUNK (always at least one value).
    const from = starts[first]!;
    let last = first + 1;
    while (last < n && ends[last]! - from <= TEXT_CHUNK) last++;
    const text = decoder.decode(bytes.subarray(from, ends[last - 1]!));
    if (text.length === ends[last - 1]! - from) {
      const t = out.texts.push(text) - 1;
      for (let i = first; i < last; i++) {
        textOf[i] = t;
        starts[i]! -= from;
        ends[i]! -= from;
      }
    } else {
      for (let i = first; i < last; i++) {
        const value = decoder.decode(bytes.subarray(starts[i]!, ends[i]!));
        textOf[i] = out.texts.push(value) - 1;
        starts[i] = 0;
        ends[i] = value.length;
      }
    }
    first = last;
  }
  out.size = n;
}

/** PLAIN INT32 / INT64 values as numbers (protocol longs fit a double; same as Number(bigint)). */
export function plainInts(bytes: Uint8Array, pos: number, end: number, n: number, int64: boolean, out: PageValues): void {
  const size = int64 ? 8 : 4;
  if (pos + n * size > end) throw new Error("truncated INT value");
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const numbers = out.numbers;
  if (int64) {
    for (let i = 0; i < n; i++, pos += 8) numbers[i] = view.getInt32(pos + 4, true) * 4294967296 + view.getUint32(pos, true);
  } else {
    for (let i = 0; i < n; i++, pos += 4) numbers[i] = view.getInt32(pos, true);
  }
  out.size = n;
}

/** PLAIN BOOLEAN: bit-packed, least significant bit first; stored as 0/1. */
export function plainBooleans(bytes: Uint8Array, pos: number, end: number, n: number, out: PageValues): void {
  if (pos + ((n + 7) >> 3) > end) throw new Error("truncated BOOLEAN values");
  const bools = out.bools;
  for (let i = 0; i < n; i++) bools[i] = (bytes[pos + (i >> 3)]! >> (i & 7)) & 1;
  out.size = n;
}
