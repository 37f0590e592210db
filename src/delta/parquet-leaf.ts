import type { ColumnMetaData, SchemaElement } from "hyparquet";
import { codecs } from "./codecs";
import { bitWidth, decodeHybrid, UnsupportedLayout, type PageValues } from "./parquet-encodings";
import { PAGE_DATA, PAGE_DATA_V2, PAGE_DICTIONARY, readPageHeader, type PageHeader } from "./parquet-thrift";
import { checkType, decodePlain, decodeValues, emptyValues, inflate, RLE, reserveValues } from "./parquet-values";

/**
 * Streaming reader of one leaf column chunk: Dremel levels and values, one page at a time.
 *
 * Why not hyparquet's reader: it turns every leaf into nested JS objects (assembling structs,
 * maps and lists row by row), and for a 100k-file checkpoint that assembly and its garbage
 * cost far more than replaying the same log as JSON. Checkpoint rows have a fixed, shallow
 * shape, so checkpoint-leaves.ts builds actions straight from these cursors. Only the current
 * page's levels and values are held (in typed arrays reused from page to page), so reading
 * a column costs no per-column JS arrays; profiles showed fresh 100k-element arrays (and the
 * page faults of their memory) costing more than the decoding itself.
 */

/** The static facts about a leaf the decoder needs (from its schema path). */
export interface LeafInfo {
  element: SchemaElement;
  maxDef: number;
  maxRep: number;
}

export type LeafKind = "string" | "number" | "boolean";

export class LeafCursor {
  readonly kind: LeafKind;
  readonly maxDef: number;
  readonly maxRep: number;
  /** Level entries in the chunk (= rows of the row group outside maps and lists). */
  readonly count: number;
  /** Definition and repetition level of the current entry (after {@link next}). */
  def = 0;
  rep = 0;

  private readonly codec: string | undefined;
  private readonly cur: { bytes: Uint8Array; pos: number };
  private readonly end: number;
  private dictionary: PageValues | undefined;
  private readonly page: PageValues = emptyValues();
  private defs = new Uint8Array(0);
  private reps = new Uint8Array(0);
  /** Entries in the current page, the current entry in it, and the next value in it. */
  private pageEntries = 0;
  private entry = 0;
  private value = 0;
  private consumed = 0;

  constructor(private readonly file: Uint8Array, private readonly meta: ColumnMetaData, private readonly leaf: LeafInfo) {
    this.kind = checkType(leaf.element);
    this.maxDef = leaf.maxDef;
    this.maxRep = leaf.maxRep;
    this.count = Number(meta.num_values);
    this.codec = meta.codec === "UNCOMPRESSED" ? undefined : meta.codec;
    if (this.codec && !codecs[this.codec]) throw new UnsupportedLayout(`codec ${this.codec}`);
    const dictOffset = meta.dictionary_page_offset === undefined ? 0 : Number(meta.dictionary_page_offset);
    const dataOffset = Number(meta.data_page_offset);
    const start = dictOffset > 0 && dictOffset < dataOffset ? dictOffset : dataOffset;
    this.end = start + Number(meta.total_compressed_size);
    if (this.end > file.length) throw new Error("column chunk extends past the end of the file");
    this.cur = { bytes: file, pos: start };
  }

  /**
   * Move to the next level entry, setting {@link def} and {@link rep}.
   * @returns whether the entry has a value (def = maxDef); read it with string()/number()/bool()
   * @throws Error past the end of the chunk
   */
  next(): boolean {
    if (++this.entry >= this.pageEntries) this.nextPage();
    const e = this.entry;
    this.def = this.maxDef > 0 ? this.defs[e]! : 0;
    this.rep = this.maxRep > 0 ? this.reps[e]! : 0;
    return this.def === this.maxDef;
  }

  /**
   * Repetition level of the entry after the current one, without moving (-1 at the end).
   * Call only once the current entry's value (if any) has been read: it may load the next page.
   */
  peekRep(): number {
    if (this.entry + 1 < this.pageEntries) return this.maxRep > 0 ? this.reps[this.entry + 1]! : 0;
    if (this.consumed >= this.count) return -1;
    this.nextPage();
    this.entry = -1;
    return this.maxRep > 0 ? this.reps[0]! : 0;
  }

  /** The current entry's value as a string (slice of a decoded page text). */
  string(): string {
    const p = this.page;
    const k = this.value++;
    return p.texts[p.textOf[k]!]!.slice(p.starts[k]!, p.ends[k]!);
  }

  /** The current entry's number; int32-range values come back as small integers (like JSON.parse gives). */
  number(): number {
    const x = this.page.numbers[this.value++]!;
    return (x | 0) === x ? x | 0 : x;
  }

  bool(): boolean {
    return this.page.bools[this.value++] === 1;
  }

  /** The current entry's value in its natural JS type. */
  any(): string | number | boolean {
    return this.kind === "string" ? this.string() : this.kind === "number" ? this.number() : this.bool();
  }

  private nextPage(): void {
    const { cur, file } = this;
    for (;;) {
      if (this.consumed >= this.count) throw new Error(`column chunk ${this.meta.path_in_schema.join(".")} read past its ${this.count} values`);
      if (cur.pos >= this.end) throw new Error(`column chunk ${this.meta.path_in_schema.join(".")} ends after ${this.consumed} of ${this.count} values`);
      const h = readPageHeader(cur);
      const body = file.subarray(cur.pos, cur.pos + h.compressedSize);
      cur.pos += h.compressedSize;
      if (cur.pos > this.end) throw new Error("page extends past its column chunk");
      if (h.type === PAGE_DICTIONARY) {
        const bytes = inflate(body, h.uncompressedSize, this.codec);
        // The dictionary outlives the shared page buffer: its values are copied out now.
        const dict = emptyValues();
        reserveValues(dict, this.kind, h.numValues);
        decodePlain(this.leaf.element, bytes, 0, bytes.length, h.numValues, dict);
        this.dictionary = dict;
      } else if (h.type === PAGE_DATA || h.type === PAGE_DATA_V2) {
        if (this.consumed + h.numValues > this.count) throw new Error("more values in pages than in the column chunk");
        if (h.numValues === 0) continue;
        this.readDataPage(h, body);
        this.consumed += h.numValues;
        this.pageEntries = h.numValues;
        this.entry = 0;
        this.value = 0;
        return;
      }
      // Index pages carry nothing we need.
    }
  }

  private readDataPage(h: PageHeader, body: Uint8Array): void {
    const n = h.numValues;
    if (this.maxDef > 0 && this.defs.length < n) this.defs = new Uint8Array(n);
    if (this.maxRep > 0 && this.reps.length < n) this.reps = new Uint8Array(n);
    let page: Uint8Array;
    let pos = 0;
    if (h.type === PAGE_DATA) {
      // v1: the whole page is compressed; levels are length-prefixed RLE (the deprecated
      // BIT_PACKED level encoding is left to hyparquet).
      if ((this.maxRep > 0 && h.repEncoding !== RLE) || (this.maxDef > 0 && h.defEncoding !== RLE)) throw new UnsupportedLayout("BIT_PACKED levels");
      page = inflate(body, h.uncompressedSize, this.codec);
      const view = new DataView(page.buffer, page.byteOffset, page.byteLength);
      if (this.maxRep > 0) {
        const len = view.getUint32(pos, true);
        decodeHybrid(page, pos + 4, pos + 4 + len, bitWidth(this.maxRep), this.reps, 0, n);
        pos += 4 + len;
      }
      if (this.maxDef > 0) {
        const len = view.getUint32(pos, true);
        decodeHybrid(page, pos + 4, pos + 4 + len, bitWidth(this.maxDef), this.defs, 0, n);
        pos += 4 + len;
      }
    } else {
      // v2: levels are stored uncompressed ahead of the (maybe compressed) values.
      if (this.maxRep > 0) decodeHybrid(body, 0, h.repLength, bitWidth(this.maxRep), this.reps, 0, n);
      if (this.maxDef > 0) decodeHybrid(body, h.repLength, h.repLength + h.defLength, bitWidth(this.maxDef), this.defs, 0, n);
      const values = body.subarray(h.repLength + h.defLength);
      page = inflate(values, h.uncompressedSize - h.repLength - h.defLength, h.isCompressed ? this.codec : undefined);
    }
    let nonNull = n;
    if (this.maxDef > 0) {
      nonNull = 0;
      const defs = this.defs;
      for (let i = 0; i < n; i++) if (defs[i] === this.maxDef) nonNull++;
    }
    const values = this.page;
    values.size = 0;
    values.texts.length = 0;
    reserveValues(values, this.kind, nonNull);
    if (nonNull > 0) decodeValues(h.encoding, this.leaf.element, page, pos, nonNull, values, this.dictionary);
    this.entry = 0;
  }
}

/** A whole leaf chunk drained from a cursor: levels per entry and the non-null values. */
export interface LeafChunk {
  defs: Uint8Array | null;
  reps: Uint8Array | null;
  maxDef: number;
  count: number;
  values: (string | number | boolean)[];
}

/**
 * Read a whole chunk at once — for the generic assembly of the few non-file actions, whose
 * leaves are almost all null.
 */
export function drainLeaf(cursor: LeafCursor): LeafChunk {
  const n = cursor.count;
  const defs = cursor.maxDef > 0 ? new Uint8Array(n) : null;
  const reps = cursor.maxRep > 0 ? new Uint8Array(n) : null;
  const values: (string | number | boolean)[] = [];
  for (let i = 0; i < n; i++) {
    const has = cursor.next();
    if (defs) defs[i] = cursor.def;
    if (reps) reps[i] = cursor.rep;
    if (has) values.push(cursor.any());
  }
  return { defs, reps, maxDef: cursor.maxDef, count: n, values };
}
