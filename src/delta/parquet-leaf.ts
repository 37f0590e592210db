import type { ColumnMetaData, SchemaElement } from "hyparquet";
import { codecs, decompressInto } from "./codecs";
import { bitWidth, decodeHybrid, plainBooleans, plainInts, plainStrings, UnsupportedLayout, type ValueSink } from "./parquet-encodings";
import { PAGE_DATA, PAGE_DATA_V2, PAGE_DICTIONARY, readPageHeader, type PageHeader } from "./parquet-thrift";

/**
 * One leaf column of one row group, decoded flat: Dremel levels plus the non-null values.
 *
 * Why flat: hyparquet turns every leaf into nested JS objects (assembling structs, maps and
 * lists row by row), and for a 100k-file checkpoint that assembly and its garbage cost far
 * more than replaying the same log as JSON. Checkpoint rows have a fixed, shallow shape, so
 * checkpoint-leaves.ts builds actions straight from these arrays.
 */
export interface LeafChunk extends ValueSink {
  /** Definition level per entry; null when the leaf and its ancestors are all REQUIRED. */
  defs: Uint8Array | null;
  /** Repetition level per entry; null outside maps and lists. */
  reps: Uint8Array | null;
  maxDef: number;
  maxRep: number;
  /** Level entries (= rows of the row group for a leaf outside maps and lists). */
  count: number;
  /** Physical type of the values: strings, numbers, or booleans stored as 0/1. */
  kind: "string" | "number" | "boolean";
  // ValueSink: `size` values (entries whose definition level is maxDef), in order.
}

/** Value k of a chunk as hyparquet + normaliseLongs would give it. */
export function valueAt(c: LeafChunk, k: number): string | number | boolean {
  if (c.kind === "string") return stringAt(c, k);
  return c.kind === "number" ? c.numbers[k]! : c.numbers[k] === 1;
}

/** String value k (a slice of its page text, or the whole string when decoded alone). */
export function stringAt(c: ValueSink, k: number): string {
  return c.texts[c.textOf[k]!]!.slice(c.starts[k]!, c.ends[k]!);
}

function newSink(kind: LeafChunk["kind"], capacity: number): ValueSink {
  const empty = new Int32Array(0);
  const strings = kind === "string";
  return {
    size: 0,
    numbers: strings ? new Float64Array(0) : new Float64Array(capacity),
    texts: [],
    textOf: strings ? new Int32Array(capacity) : empty,
    starts: strings ? new Int32Array(capacity) : empty,
    ends: strings ? new Int32Array(capacity) : empty,
  };
}

/** The static facts about a leaf the decoder needs (from its schema path). */
export interface LeafInfo {
  element: SchemaElement;
  maxDef: number;
  maxRep: number;
}

const PLAIN = 0;
const PLAIN_DICTIONARY = 2;
const RLE = 3;
const RLE_DICTIONARY = 8;

/**
 * Decode one column chunk.
 * @param file the whole parquet file
 * @throws UnsupportedLayout for encodings/types this reader leaves to hyparquet; Error when
 *   the bytes are malformed
 */
export function readLeafChunk(file: Uint8Array, meta: ColumnMetaData, leaf: LeafInfo): LeafChunk {
  const kind = checkType(leaf.element);
  const count = Number(meta.num_values);
  const chunk: LeafChunk = {
    ...newSink(kind, count),
    defs: leaf.maxDef > 0 ? new Uint8Array(count) : null,
    reps: leaf.maxRep > 0 ? new Uint8Array(count) : null,
    maxDef: leaf.maxDef,
    maxRep: leaf.maxRep,
    count,
    kind,
  };
  const codec = meta.codec === "UNCOMPRESSED" ? undefined : meta.codec;
  if (codec && !codecs[codec]) throw new UnsupportedLayout(`codec ${codec}`);
  const dictOffset = meta.dictionary_page_offset === undefined ? 0 : Number(meta.dictionary_page_offset);
  const dataOffset = Number(meta.data_page_offset);
  const start = dictOffset > 0 && dictOffset < dataOffset ? dictOffset : dataOffset;
  const end = start + Number(meta.total_compressed_size);
  if (end > file.length) throw new Error("column chunk extends past the end of the file");
  const cur = { bytes: file, pos: start };
  let dictionary: ValueSink | undefined;
  let filled = 0;
  while (filled < count) {
    if (cur.pos >= end) throw new Error(`column chunk ${meta.path_in_schema.join(".")} ends after ${filled} of ${count} values`);
    const h = readPageHeader(cur);
    const body = file.subarray(cur.pos, cur.pos + h.compressedSize);
    cur.pos += h.compressedSize;
    if (cur.pos > end) throw new Error("page extends past its column chunk");
    if (h.type === PAGE_DICTIONARY) {
      const page = inflate(body, h.uncompressedSize, codec);
      dictionary = newSink(kind, h.numValues);
      decodePlain(leaf.element, page, 0, page.length, h.numValues, dictionary);
      // Dictionary texts join the chunk's once; entries then point at them directly.
      const base = chunk.texts.length;
      for (const t of dictionary.texts) chunk.texts.push(t);
      for (let i = 0; i < dictionary.size; i++) dictionary.textOf[i]! += base;
    } else if (h.type === PAGE_DATA || h.type === PAGE_DATA_V2) {
      if (filled + h.numValues > count) throw new Error("more values in pages than in the column chunk");
      readDataPage(h, body, codec, leaf, chunk, filled, dictionary);
      filled += h.numValues;
    }
    // Index pages carry nothing we need.
  }
  return chunk;
}

/** Pages above this size get a buffer of their own instead of growing the shared one. */
const MAX_SHARED_PAGE = 16 * 2 ** 20;
let shared = new Uint8Array(0);

/**
 * The page's bytes in a buffer we may overwrite (plainStrings does): decompressed, or copied
 * when stored uncompressed. Pages are decoded one at a time and no value keeps a view of
 * page bytes (strings and numbers are copied out), so one buffer is reused for every page —
 * a fresh zeroed buffer per page costs page faults that showed up in profiles.
 */
function inflate(body: Uint8Array, size: number, codec: string | undefined): Uint8Array {
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

function readDataPage(
  h: PageHeader, body: Uint8Array, codec: string | undefined,
  leaf: LeafInfo, chunk: LeafChunk, at: number, dictionary: ValueSink | undefined,
): void {
  let page: Uint8Array;
  let pos = 0;
  let levelsEnd: number;
  if (h.type === PAGE_DATA) {
    // v1: the whole page is compressed; levels are length-prefixed RLE (the deprecated
    // BIT_PACKED level encoding is left to hyparquet).
    if ((chunk.reps && h.repEncoding !== RLE) || (chunk.defs && h.defEncoding !== RLE)) throw new UnsupportedLayout("BIT_PACKED levels");
    page = inflate(body, h.uncompressedSize, codec);
    const view = new DataView(page.buffer, page.byteOffset, page.byteLength);
    if (chunk.reps) {
      const len = view.getUint32(pos, true);
      decodeHybrid(page, pos + 4, pos + 4 + len, bitWidth(leaf.maxRep), chunk.reps, at, h.numValues);
      pos += 4 + len;
    }
    if (chunk.defs) {
      const len = view.getUint32(pos, true);
      decodeHybrid(page, pos + 4, pos + 4 + len, bitWidth(leaf.maxDef), chunk.defs, at, h.numValues);
      pos += 4 + len;
    }
    levelsEnd = pos;
  } else {
    // v2: levels are stored uncompressed ahead of the (maybe compressed) values.
    if (chunk.reps) decodeHybrid(body, 0, h.repLength, bitWidth(leaf.maxRep), chunk.reps, at, h.numValues);
    if (chunk.defs) decodeHybrid(body, h.repLength, h.repLength + h.defLength, bitWidth(leaf.maxDef), chunk.defs, at, h.numValues);
    const values = body.subarray(h.repLength + h.defLength);
    const size = h.uncompressedSize - h.repLength - h.defLength;
    page = inflate(values, size, h.isCompressed ? codec : undefined);
    levelsEnd = 0;
  }
  let n = h.numValues;
  if (chunk.defs) {
    n = 0;
    const defs = chunk.defs;
    for (let i = at, e = at + h.numValues; i < e; i++) if (defs[i] === leaf.maxDef) n++;
  }
  if (chunk.size + n > chunk.count) throw new Error("more values than level entries");
  decodeValues(h.encoding, leaf.element, page, levelsEnd, n, chunk, dictionary);
}

function decodeValues(encoding: number, element: SchemaElement, page: Uint8Array, pos: number, n: number, out: ValueSink, dictionary: ValueSink | undefined): void {
  if (n === 0) return;
  if (encoding === PLAIN) {
    decodePlain(element, page, pos, page.length, n, out);
  } else if (encoding === PLAIN_DICTIONARY || encoding === RLE_DICTIONARY) {
    if (!dictionary) throw new Error("dictionary-encoded page without a dictionary page");
    const width = page[pos]!;
    const indexes = new Int32Array(n);
    if (width > 0) decodeHybrid(page, pos + 1, page.length, width, indexes, 0, n);
    const at = out.size;
    const dictSize = dictionary.size;
    for (let i = 0; i < n; i++) if (indexes[i]! >= dictSize) throw new Error("dictionary index out of range");
    if (element.type === "BYTE_ARRAY") {
      for (let i = 0; i < n; i++) {
        const d = indexes[i]!;
        out.textOf[at + i] = dictionary.textOf[d]!;
        out.starts[at + i] = dictionary.starts[d]!;
        out.ends[at + i] = dictionary.ends[d]!;
      }
    } else {
      for (let i = 0; i < n; i++) out.numbers[at + i] = dictionary.numbers[indexes[i]!]!;
    }
    out.size = at + n;
  } else if (encoding === RLE && element.type === "BOOLEAN") {
    const view = new DataView(page.buffer, page.byteOffset, page.byteLength);
    const len = view.getUint32(pos, true);
    const bits = new Uint8Array(n);
    decodeHybrid(page, pos + 4, pos + 4 + len, 1, bits, 0, n);
    for (let i = 0; i < n; i++) out.numbers[out.size + i] = bits[i]!;
    out.size += n;
  } else {
    throw new UnsupportedLayout(`encoding ${encoding}`);
  }
}

function decodePlain(element: SchemaElement, page: Uint8Array, pos: number, end: number, n: number, out: ValueSink): void {
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
function checkType(e: SchemaElement): LeafChunk["kind"] {
  const logical = e.logical_type?.type;
  const converted = e.converted_type;
  if (e.type === "BYTE_ARRAY" && (logical === undefined || logical === "STRING") && (converted === undefined || converted === "UTF8")) return "string";
  if (e.type === "BOOLEAN" && logical === undefined && converted === undefined) return "boolean";
  const signedInt = converted === undefined || converted === "INT_32" || converted === "INT_64" || converted === "INT_16" || converted === "INT_8";
  if ((e.type === "INT32" || e.type === "INT64") && signedInt && (logical === undefined || (logical === "INTEGER" && e.logical_type?.isSigned !== false))) return "number";
  throw new UnsupportedLayout(`column type ${e.type}/${converted ?? logical ?? "-"}`);
}
