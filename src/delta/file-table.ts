import type { AddFile, RemoveFile } from "./actions";

/**
 * Replay's logical-file table: key (canonical path + DV id) → the newest action for it, an
 * `add` (live file) or a `remove` (tombstone). Entries are replaced, never deleted, which is
 * exactly "newest action per key wins" (PROTOCOL.md "Action Reconciliation").
 *
 * Why not a `Map`: replay inserts one fresh key per file (100k+ for big tables) and a JS Map
 * grows by rehashing into ever larger backing stores; in profiles that insertion cost about
 * as much as JSON-parsing the whole log. This open-addressing table keeps only integers in
 * its index (one Int32Array, sized from a hint and doubled when 2/3 full) and the keys,
 * hashes and entries in plain arrays, so growth is cheap and insertion is a hash + probe.
 */
export class FileTable {
  private slots: Int32Array; // entry index + 1; 0 = empty
  private mask: number;
  private hashes: number[] = [];
  private keys: string[] = [];
  private entries: (AddFile | RemoveFile)[] = [];
  private isAdd: boolean[] = [];
  private live = 0;

  /** @param expected number of keys to size the index for (it grows past it as needed) */
  constructor(expected = 0) {
    let cap = 1024;
    while (cap < expected * 2) cap *= 2;
    this.slots = new Int32Array(cap);
    this.mask = cap - 1;
  }

  /** Live files (keys whose newest action is an add). */
  get liveCount(): number {
    return this.live;
  }

  /** Record `entry` as the newest action for `key`. */
  set(key: string, entry: AddFile | RemoveFile, add: boolean): void {
    const h = hashString(key);
    const slots = this.slots;
    const mask = this.mask;
    let i = h & mask;
    for (;;) {
      const s = slots[i]!;
      if (s === 0) break;
      const e = s - 1;
      if (this.hashes[e] === h && this.keys[e] === key) {
        if (this.isAdd[e] !== add) this.live += add ? 1 : -1;
        this.entries[e] = entry;
        this.isAdd[e] = add;
        return;
      }
      i = (i + 1) & mask;
    }
    const e = this.keys.length;
    this.keys.push(key);
    this.hashes.push(h);
    this.entries.push(entry);
    this.isAdd.push(add);
    if (add) this.live++;
    slots[i] = e + 1;
    if ((e + 1) * 3 > slots.length * 2) this.grow();
  }

  /** Newest adds, in first-seen key order. */
  liveFiles(): AddFile[] {
    const out: AddFile[] = [];
    for (let e = 0; e < this.entries.length; e++) if (this.isAdd[e]) out.push(this.entries[e] as AddFile);
    return out;
  }

  /** Newest removes (tombstones), in first-seen key order. */
  tombstones(): RemoveFile[] {
    const out: RemoveFile[] = [];
    for (let e = 0; e < this.entries.length; e++) if (!this.isAdd[e]) out.push(this.entries[e] as RemoveFile);
    return out;
  }

  /** An independent copy (the snapshot cache replays new commits on top of a cached state). */
  clone(): FileTable {
    const t = new FileTable();
    t.slots = this.slots.slice();
    t.mask = this.mask;
    t.hashes = this.hashes.slice();
    t.keys = this.keys.slice();
    t.entries = this.entries.slice();
    t.isAdd = this.isAdd.slice();
    t.live = this.live;
    return t;
  }

  private grow(): void {
    const cap = this.slots.length * 2;
    const slots = new Int32Array(cap);
    const mask = cap - 1;
    for (let e = 0; e < this.hashes.length; e++) {
      let i = this.hashes[e]! & mask;
      while (slots[i] !== 0) i = (i + 1) & mask;
      slots[i] = e + 1;
    }
    this.slots = slots;
    this.mask = mask;
  }
}

/**
 * FNV-1a over UTF-16 code units, finished with a multiply-xorshift so the low bits (the
 * slot) mix well. A signed int32, so arrays of hashes stay small-integer arrays.
 */
export function hashString(s: string): number {
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  return h ^ (h >>> 13);
}
