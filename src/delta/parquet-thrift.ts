/**
 * Parquet page headers (Thrift compact protocol), for the checkpoint leaf-column reader.
 *
 * Why our own: hyparquet exports its footer parser but not its page-level readers, and the
 * fast checkpoint path (checkpoint-leaves.ts) walks pages itself. Only the fields a reader
 * needs are kept; everything else (statistics, CRC, index pages) is skipped generically.
 */

/** What a page header says about the bytes that follow it. */
export interface PageHeader {
  /** 0 DATA_PAGE, 1 INDEX_PAGE, 2 DICTIONARY_PAGE, 3 DATA_PAGE_V2 */
  type: number;
  uncompressedSize: number;
  compressedSize: number;
  /** Values in the page, nulls included (v1 and v2 data pages, dictionary pages). */
  numValues: number;
  /** Value encoding (parquet Encoding enum: 0 PLAIN, 2 PLAIN_DICTIONARY, 3 RLE, 8 RLE_DICTIONARY…). */
  encoding: number;
  /** DATA_PAGE (v1) only: encodings of the definition and repetition levels (3 = RLE). */
  defEncoding: number;
  repEncoding: number;
  /** DATA_PAGE_V2 only: level sections are stored uncompressed before the values. */
  defLength: number;
  repLength: number;
  isCompressed: boolean;
}

export const PAGE_DATA = 0;
export const PAGE_DICTIONARY = 2;
export const PAGE_DATA_V2 = 3;

/** A cursor over bytes; `pos` advances as fields are read. */
export interface Cursor {
  bytes: Uint8Array;
  pos: number;
}

/**
 * Read one page header at `cur.pos` and leave `cur.pos` at the page's first data byte.
 * @throws Error on malformed input (the caller turns it into DELTA_LOG_CORRUPT)
 */
export function readPageHeader(cur: Cursor): PageHeader {
  const h: PageHeader = {
    type: -1, uncompressedSize: 0, compressedSize: 0, numValues: 0, encoding: 0,
    defEncoding: 3, repEncoding: 3, defLength: 0, repLength: 0, isCompressed: true,
  };
  let id = 0;
  for (;;) {
    const t = fieldHeader(cur, id);
    if (t.type === 0) break;
    id = t.id;
    if (id === 1 && t.type === 5) h.type = zigzag(cur);
    else if (id === 2 && t.type === 5) h.uncompressedSize = zigzag(cur);
    else if (id === 3 && t.type === 5) h.compressedSize = zigzag(cur);
    else if ((id === 5 || id === 7 || id === 8) && t.type === 12) readSubHeader(cur, id, h);
    else skip(cur, t.type);
  }
  if (h.type < 0 || h.compressedSize < 0 || h.uncompressedSize < 0) throw new Error("malformed parquet page header");
  return h;
}

/** data_page_header (5), dictionary_page_header (7) or data_page_header_v2 (8). */
function readSubHeader(cur: Cursor, which: number, h: PageHeader): void {
  let id = 0;
  for (;;) {
    const t = fieldHeader(cur, id);
    if (t.type === 0) return;
    id = t.id;
    if (id === 1 && t.type === 5) h.numValues = zigzag(cur);
    else if (which === 5 && id === 2 && t.type === 5) h.encoding = zigzag(cur);
    else if (which === 5 && id === 3 && t.type === 5) h.defEncoding = zigzag(cur);
    else if (which === 5 && id === 4 && t.type === 5) h.repEncoding = zigzag(cur);
    else if (which === 7 && id === 2 && t.type === 5) h.encoding = zigzag(cur);
    else if (which === 8 && id === 4 && t.type === 5) h.encoding = zigzag(cur);
    else if (which === 8 && id === 5 && t.type === 5) h.defLength = zigzag(cur);
    else if (which === 8 && id === 6 && t.type === 5) h.repLength = zigzag(cur);
    else if (which === 8 && id === 7 && (t.type === 1 || t.type === 2)) h.isCompressed = t.type === 1;
    else skip(cur, t.type);
  }
}

/** Field header: type in the low nibble, id delta in the high nibble (0 = explicit id). */
function fieldHeader(cur: Cursor, lastId: number): { type: number; id: number } {
  const b = byte(cur);
  const type = b & 0x0f;
  if (type === 0) return { type: 0, id: 0 };
  const delta = b >> 4;
  return { type, id: delta === 0 ? zigzag(cur) : lastId + delta };
}

function byte(cur: Cursor): number {
  if (cur.pos >= cur.bytes.length) throw new Error("truncated parquet page header");
  return cur.bytes[cur.pos++]!;
}

/** Unsigned varint; values we read (sizes, counts, enums) fit in 53 bits. */
function varint(cur: Cursor): number {
  let result = 0;
  let mul = 1;
  for (;;) {
    const b = byte(cur);
    result += (b & 0x7f) * mul;
    if (b < 0x80) return result;
    mul *= 128;
    if (mul > 2 ** 63) throw new Error("malformed varint in parquet page header");
  }
}

function zigzag(cur: Cursor): number {
  const n = varint(cur);
  return n % 2 === 0 ? n / 2 : -(n + 1) / 2;
}

/** Skip a value of a compact-protocol type. */
function skip(cur: Cursor, type: number): void {
  switch (type) {
    case 1: case 2: return; // bool in a field header: the value is the type
    case 3: cur.pos++; return;
    case 4: case 5: case 6: varint(cur); return;
    case 7: cur.pos += 8; return;
    case 8: { const n = varint(cur); cur.pos += n; return; }
    case 9: case 10: {
      const b = byte(cur);
      const size = b >> 4 === 15 ? varint(cur) : b >> 4;
      const elem = b & 0x0f;
      for (let i = 0; i < size; i++) skipElement(cur, elem);
      return;
    }
    case 11: {
      const size = varint(cur);
      if (size === 0) return;
      const kv = byte(cur);
      for (let i = 0; i < size; i++) {
        skipElement(cur, kv >> 4);
        skipElement(cur, kv & 0x0f);
      }
      return;
    }
    case 12: {
      let id = 0;
      for (;;) {
        const t = fieldHeader(cur, id);
        if (t.type === 0) return;
        id = t.id;
        skip(cur, t.type);
      }
    }
    default:
      throw new Error(`unknown thrift type ${type} in parquet page header`);
  }
}

/** Inside lists and maps a bool is a whole byte. */
function skipElement(cur: Cursor, type: number): void {
  if (type === 1 || type === 2) cur.pos++;
  else skip(cur, type);
}
