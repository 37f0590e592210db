import { DeltaError } from "./errors";

/**
 * Decoder for the deletion-vector bitmap (PROTOCOL.md "Deletion Vector Format"):
 * little-endian magic 1681511377, then RoaringBitmap's "portable" 64-bit layout — an 8-byte
 * bucket count and, per bucket, a 4-byte high key followed by a standard 32-bit
 * RoaringBitmap in the portable serialization format (RoaringFormatSpec). Row index =
 * high << 32 | low.
 */
export const DV_MAGIC = 1681511377;

const SERIAL_COOKIE_NO_RUN = 12346;
const SERIAL_COOKIE = 12347;
const NO_OFFSET_THRESHOLD = 4;

/**
 * Decode a DV bitmap blob (magic included) into the sorted row indexes it contains.
 * @throws DeltaError DELTA_LOG_CORRUPT on a bad magic number or a truncated structure
 */
export function decodeDeletionBitmap(bytes: Uint8Array): number[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const fail = (what: string) => new DeltaError("DELTA_LOG_CORRUPT", `corrupt deletion vector bitmap: ${what}`);
  const need = (pos: number, n: number) => {
    if (pos + n > bytes.byteLength) throw fail("truncated");
  };
  need(0, 12);
  if (view.getUint32(0, true) !== DV_MAGIC) throw fail(`bad magic number ${view.getUint32(0, true)}`);
  const buckets = Number(view.getBigUint64(4, true));
  const out: number[] = [];
  let pos = 12;
  for (let b = 0; b < buckets; b++) {
    need(pos, 4);
    const high = view.getUint32(pos, true) * 2 ** 32;
    pos = decodeRoaring32(view, pos + 4, high, out, need, fail);
  }
  return out;
}

/** Decode one 32-bit portable RoaringBitmap at `pos`; returns the position after it. */
function decodeRoaring32(
  view: DataView,
  start: number,
  high: number,
  out: number[],
  need: (pos: number, n: number) => void,
  fail: (what: string) => DeltaError,
): number {
  let pos = start;
  need(pos, 4);
  const cookie = view.getUint32(pos, true);
  let count: number;
  let runFlags: Uint8Array | undefined;
  if ((cookie & 0xffff) === SERIAL_COOKIE) {
    count = (cookie >>> 16) + 1;
    pos += 4;
    const flagBytes = (count + 7) >>> 3;
    need(pos, flagBytes);
    runFlags = new Uint8Array(view.buffer, view.byteOffset + pos, flagBytes);
    pos += flagBytes;
  } else if (cookie === SERIAL_COOKIE_NO_RUN) {
    need(pos, 8);
    count = view.getUint32(pos + 4, true);
    pos += 8;
  } else {
    throw fail(`unknown roaring cookie ${cookie}`);
  }
  need(pos, count * 4);
  const keys: number[] = [];
  const cards: number[] = [];
  for (let i = 0; i < count; i++) {
    keys.push(view.getUint16(pos + i * 4, true));
    cards.push(view.getUint16(pos + i * 4 + 2, true) + 1);
  }
  pos += count * 4;
  // Offset header: always without run containers, else only for ≥ 4 containers. We read
  // containers sequentially, so offsets are skipped rather than used.
  if (!runFlags || count >= NO_OFFSET_THRESHOLD) pos += count * 4;
  for (let i = 0; i < count; i++) {
    const base = high + keys[i]! * 65536;
    const isRun = runFlags !== undefined && (runFlags[i >>> 3]! & (1 << (i & 7))) !== 0;
    if (isRun) {
      need(pos, 2);
      const runs = view.getUint16(pos, true);
      pos += 2;
      need(pos, runs * 4);
      for (let r = 0; r < runs; r++) {
        const first = view.getUint16(pos + r * 4, true);
        const len = view.getUint16(pos + r * 4 + 2, true);
        for (let v = first; v <= first + len; v++) out.push(base + v);
      }
      pos += runs * 4;
    } else if (cards[i]! <= 4096) {
      need(pos, cards[i]! * 2);
      for (let j = 0; j < cards[i]!; j++) out.push(base + view.getUint16(pos + j * 2, true));
      pos += cards[i]! * 2;
    } else {
      need(pos, 8192);
      for (let w = 0; w < 2048; w++) {
        let word = view.getUint32(pos + w * 4, true);
        while (word !== 0) {
          const bit = 31 - Math.clz32(word & -word);
          out.push(base + w * 32 + bit);
          word &= word - 1;
        }
      }
      pos += 8192;
    }
  }
  return pos;
}
