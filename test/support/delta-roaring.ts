import { crc32 } from "../../src/delta/crc32";
import { DV_MAGIC } from "../../src/delta/roaring";

/**
 * Test-only encoder for the deletion-vector bitmap format (magic + portable 64-bit
 * RoaringBitmap), written from the RoaringFormatSpec so the decoder can be checked on every
 * container kind: array, bitmap and run containers, with and without the offset header.
 */
export function encodeDeletionBitmap(rows: number[], options: { runs?: boolean } = {}): Uint8Array {
  const sorted = [...new Set(rows)].sort((a, b) => a - b);
  const buckets = new Map<number, number[]>();
  for (const r of sorted) {
    const high = Math.floor(r / 2 ** 32);
    (buckets.get(high) ?? buckets.set(high, []).get(high)!).push(r - high * 2 ** 32);
  }
  const parts: number[] = [];
  const u32 = (v: number) => parts.push(v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff);
  const u16 = (v: number) => parts.push(v & 0xff, (v >>> 8) & 0xff);
  u32(DV_MAGIC);
  u32(buckets.size);
  u32(0); // high half of the 64-bit bucket count
  for (const [high, lows] of [...buckets].sort((a, b) => a[0] - b[0])) {
    u32(high);
    parts.push(...encode32(lows, options.runs ?? false));
  }
  return new Uint8Array(parts);
}

function encode32(values: number[], allowRuns: boolean): number[] {
  const containers = new Map<number, number[]>();
  for (const v of values) (containers.get(v >>> 16) ?? containers.set(v >>> 16, []).get(v >>> 16)!).push(v & 0xffff);
  const keys = [...containers.keys()].sort((a, b) => a - b);
  const bodies: { kind: "run" | "array" | "bitmap"; bytes: number[] }[] = keys.map((k) => {
    const lows = containers.get(k)!;
    const runs: [number, number][] = [];
    for (const v of lows) {
      const last = runs[runs.length - 1];
      if (last && v === last[0] + last[1] + 1) last[1]++;
      else runs.push([v, 0]);
    }
    const bytes: number[] = [];
    const w16 = (v: number) => bytes.push(v & 0xff, (v >>> 8) & 0xff);
    if (allowRuns && runs.length * 4 + 2 < Math.min(lows.length * 2, 8192)) {
      w16(runs.length);
      for (const [s, l] of runs) { w16(s); w16(l); }
      return { kind: "run", bytes };
    }
    if (lows.length <= 4096) {
      lows.forEach(w16);
      return { kind: "array", bytes };
    }
    const bitmap = new Uint8Array(8192);
    for (const v of lows) bitmap[v >>> 3]! |= 1 << (v & 7);
    return { kind: "bitmap", bytes: [...bitmap] };
  });
  const out: number[] = [];
  const w32 = (v: number) => out.push(v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff);
  const w16 = (v: number) => out.push(v & 0xff, (v >>> 8) & 0xff);
  const hasRuns = bodies.some((b) => b.kind === "run");
  const n = keys.length;
  if (hasRuns) {
    w32(12347 | ((n - 1) << 16));
    const flags = new Array((n + 7) >>> 3).fill(0);
    bodies.forEach((b, i) => { if (b.kind === "run") flags[i >>> 3] |= 1 << (i & 7); });
    out.push(...flags);
  } else {
    w32(12346);
    w32(n);
  }
  keys.forEach((k) => { w16(k); w16(containers.get(k)!.length - 1); });
  if (!hasRuns || n >= 4) {
    let offset = out.length + n * 4;
    for (const b of bodies) { w32(offset); offset += b.bytes.length; }
  }
  for (const b of bodies) out.push(...b.bytes);
  return out;
}

/** A DV file holding one bitmap at offset 1: version byte, BE size, bitmap, BE CRC-32. */
export function deletionVectorFile(bitmap: Uint8Array): Uint8Array {
  const out = new Uint8Array(1 + 4 + bitmap.length + 4);
  const view = new DataView(out.buffer);
  out[0] = 1;
  view.setUint32(1, bitmap.length, false);
  out.set(bitmap, 5);
  view.setUint32(5 + bitmap.length, crc32(bitmap), false);
  return out;
}
