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
 * Where decoded values go: numbers (INT32/INT64, booleans as 0/1) in a Float64Array, strings
 * as (text, start, end) triples — a slice of a decoded page text, made only when the value
 * is used. Typed arrays live outside the JS heap and are reused by the allocator, so a 100k
 * value column does not cost a fresh 800 KB JS array per decode.
 */
export interface ValueSink {
  size: number;
  numbers: Float64Array;
  texts: string[];
  textOf: Int32Array;
  starts: Int32Array;
  ends: Int32Array;
}

/**
 * PLAIN BYTE_ARRAY values as strings.
 *
 * Why not one TextDecoder call per value: for 100k+ paths and stats strings those native
 * calls dominate. Instead the 4-byte length prefixes are overwritten with spaces and the whole
 * run is decoded once; if it is pure ASCII (string length = byte length) every value is a
 * slice of that string at its byte offsets, which V8 makes without copying. Otherwise each
 * value is decoded on its own. `bytes` must be a buffer the caller may overwrite.
 */
export function plainStrings(bytes: Uint8Array, pos: number, end: number, n: number, out: ValueSink): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const from = pos;
  const at = out.size;
  const { starts, ends, textOf } = out;
  for (let i = at; i < at + n; i++) {
    if (pos + 4 > end) throw new Error("truncated BYTE_ARRAY value");
    const len = view.getUint32(pos, true);
    bytes[pos] = bytes[pos + 1] = bytes[pos + 2] = bytes[pos + 3] = 32;
    starts[i] = pos + 4 - from;
    pos += 4 + len;
    ends[i] = pos - from;
  }
  if (pos > end) throw new Error("truncated BYTE_ARRAY value");
  const text = decoder.decode(bytes.subarray(from, pos));
  if (text.length === pos - from) {
    const t = out.texts.push(text) - 1;
    textOf.fill(t, at, at + n);
  } else {
    for (let i = at; i < at + n; i++) {
      const value = decoder.decode(bytes.subarray(from + starts[i]!, from + ends[i]!));
      textOf[i] = out.texts.push(value) - 1;
      starts[i] = 0;
      ends[i] = value.length;
    }
  }
  out.size = at + n;
}

/** PLAIN INT32 / INT64 values as numbers (protocol longs fit a double; same as Number(bigint)). */
export function plainInts(bytes: Uint8Array, pos: number, end: number, n: number, int64: boolean, out: ValueSink): void {
  const size = int64 ? 8 : 4;
  if (pos + n * size > end) throw new Error("truncated INT value");
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const numbers = out.numbers;
  const stop = out.size + n;
  if (int64) {
    for (let i = out.size; i < stop; i++, pos += 8) numbers[i] = view.getInt32(pos + 4, true) * 4294967296 + view.getUint32(pos, true);
  } else {
    for (let i = out.size; i < stop; i++, pos += 4) numbers[i] = view.getInt32(pos, true);
  }
  out.size = stop;
}

/** PLAIN BOOLEAN: bit-packed, least significant bit first; stored as 0/1. */
export function plainBooleans(bytes: Uint8Array, pos: number, end: number, n: number, out: ValueSink): void {
  if (pos + ((n + 7) >> 3) > end) throw new Error("truncated BOOLEAN values");
  const numbers = out.numbers;
  for (let i = 0; i < n; i++) numbers[out.size + i] = (bytes[pos + (i >> 3)]! >> (i & 7)) & 1;
  out.size += n;
}
