import type { SchemaElement } from "hyparquet";
import { decompressInto } from "./codecs";
import { decodeHybrid, plainBooleans, plainInts, plainStrings, UnsupportedLayout, type PageValues } from "./parquet-encodings";
import type { LeafKind } from "./parquet-leaf";

/**
 * Page bytes → values for the leaf cursor (parquet-leaf.ts): decompression into one shared
 * buffer, the encodings checkpoints use, and the physical/logical types this reader accepts.
 */

const PLAIN = 0;
const PLAIN_DICTIONARY = 2;
export const RLE = 3;
const RLE_DICTIONARY = 8;

export function emptyValues(): PageValues {
  const none = new Int32Array(0);
  return { size: 0, numbers: new Float64Array(0), bools: new Uint8Array(0), texts: [], textOf: none, starts: none, ends: none };
}

/** Grow (never shrink) the arrays a page's values of `kind` go into. */
export function reserveValues(v: PageValues, kind: LeafKind, n: number): void {
  if (kind === "string") {
    if (v.starts.length < n) {
      v.textOf = new Int32Array(n);
      v.starts = new Int32Array(n);
      v.ends = new Int32Array(n);
    }
  } else if (kind === "number") {
    if (v.numbers.length < n) v.numbers = new Float64Array(n);
  } else if (v.bools.length < n) v.bools = new Uint8Array(n);
}

/** Pages above this size get a buffer of their own instead of growing the shared one. */
const MAX_SHARED_PAGE = 16 * 2 ** 20;
let shared = new Uint8Array(0);

/**
 * The page's bytes in a buffer we may overwrite (plainStrings does): decompressed, or copied
 * when stored uncompressed. Pages are decoded one at a time and no value keeps a view of
 * page bytes (strings and numbers are copied out), so one module-wide buffer is reused for
 * every page of every checkpoint: it stays allocated at the largest page seen (about 1 MiB
 * for Spark's default page size, at most MAX_SHARED_PAGE), which spares a fresh zeroed buffer
 * — and its page faults — per page.
 */
export function inflate(body: Uint8Array, size: number, codec: string | undefined): Uint8Array {
  // A v2 page of nulls only may have no value bytes at all, which no codec would accept.
  if (size === 0) return new Uint8Array(0);
  let out: Uint8Array;
  if (size > MAX_SHARED_PAGE) out = new Uint8Array(size);
  else {
    if (shared.length < size) shared = new Uint8Array(Math.max(size, 2 * shared.length, 65536));
    out = shared.subarray(0, size);
  }
  if (!codec) {
    if (body.length !== size) throw new Error(`stored page has ${body.length} bytes, header says ${size}`);
    out.set(body);
    return out;
  }
  const page = decompressInto(codec, body, out);
  if (page.length !== size) throw new Error(`page decompressed to ${page.length} bytes, header says ${size}`);
  return page;
}

export function decodeValues(encoding: number, element: SchemaElement, page: Uint8Array, pos: number, n: number, out: PageValues, dictionary: PageValues | undefined): void {
  if (encoding === PLAIN) {
    decodePlain(element, page, pos, page.length, n, out);
  } else if (encoding === PLAIN_DICTIONARY || encoding === RLE_DICTIONARY) {
    if (!dictionary) throw new Error("dictionary-encoded page without a dictionary page");
    const width = page[pos]!;
    const indexes = new Int32Array(n);
    if (width > 0) decodeHybrid(page, pos + 1, page.length, width, indexes, 0, n);
    const dictSize = dictionary.size;
    for (let i = 0; i < n; i++) if (indexes[i]! >= dictSize) throw new Error("dictionary index out of range");
    if (element.type === "BYTE_ARRAY") {
      // Page values point into the dictionary's texts.
      for (const t of dictionary.texts) out.texts.push(t);
      for (let i = 0; i < n; i++) {
        const d = indexes[i]!;
        out.textOf[i] = dictionary.textOf[d]!;
        out.starts[i] = dictionary.starts[d]!;
        out.ends[i] = dictionary.ends[d]!;
      }
    } else {
      for (let i = 0; i < n; i++) out.numbers[i] = dictionary.numbers[indexes[i]!]!;
    }
    out.size = n;
  } else if (encoding === RLE && element.type === "BOOLEAN") {
    const view = new DataView(page.buffer, page.byteOffset, page.byteLength);
    const len = view.getUint32(pos, true);
    decodeHybrid(page, pos + 4, pos + 4 + len, 1, out.bools, 0, n);
    out.size = n;
  } else {
    throw new UnsupportedLayout(`encoding ${encoding}`);
  }
}

export function decodePlain(element: SchemaElement, page: Uint8Array, pos: number, end: number, n: number, out: PageValues): void {
  switch (element.type) {
    case "BYTE_ARRAY": plainStrings(page, pos, end, n, out); return;
    case "INT64": plainInts(page, pos, end, n, true, out); return;
    case "INT32": plainInts(page, pos, end, n, false, out); return;
    case "BOOLEAN": plainBooleans(page, pos, end, n, out); return;
    default: throw new UnsupportedLayout(`type ${element.type}`);
  }
}

/**
 * Only types that mean the same thing here as after hyparquet + normaliseLongs: strings,
 * plain integers and booleans. Dates, timestamps, decimals, unsigned ints… go to hyparquet.
 */
export function checkType(e: SchemaElement): LeafKind {
  const logical = e.logical_type?.type;
  const converted = e.converted_type;
  if (e.type === "BYTE_ARRAY" && (logical === undefined || logical === "STRING") && (converted === undefined || converted === "UTF8")) return "string";
  if (e.type === "BOOLEAN" && logical === undefined && converted === undefined) return "boolean";
  const signedInt = converted === undefined || converted === "INT_32" || converted === "INT_64" || converted === "INT_16" || converted === "INT_8";
  if ((e.type === "INT32" || e.type === "INT64") && signedInt && (logical === undefined || (logical === "INTEGER" && e.logical_type?.isSigned !== false))) return "number";
  throw new UnsupportedLayout(`column type ${e.type}/${converted ?? logical ?? "-"}`);
}
