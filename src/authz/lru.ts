/**
 * A Map that forgets what has not been used lately, holding at most `capacity` entries.
 *
 * Approximate LRU in two generations: reads and writes land in `young`; when it reaches half
 * the capacity it becomes `old` and the previous `old` is dropped, so an entry survives as long
 * as it is used at least once per generation. A hit in `young` is a single Map lookup. (Exact LRU
 * by delete-and-reinsert on every hit cost more than the rest of an authorization check, and
 * the tombstones it leaves make V8 rehash the whole table now and then: bench/authz-checks.ts.)
 */
export class LruMap<K, V> {
  private young = new Map<K, V>();
  private old = new Map<K, V>();
  private readonly generation: number;

  constructor(capacity: number) {
    this.generation = Math.max(1, Math.floor(capacity / 2));
  }

  get(key: K): V | undefined {
    const value = this.young.get(key);
    if (value !== undefined) return value;
    const aging = this.old.get(key);
    if (aging !== undefined) {
      this.old.delete(key);
      this.store(key, aging);
    }
    return aging;
  }

  set(key: K, value: V): void {
    this.old.delete(key);
    this.store(key, value);
  }

  delete(key: K): void {
    this.young.delete(key);
    this.old.delete(key);
  }

  clear(): void {
    this.young = new Map();
    this.old = new Map();
  }

  get size(): number {
    return this.young.size + this.old.size;
  }

  private store(key: K, value: V): void {
    if (!this.young.has(key) && this.young.size >= this.generation) {
      this.old = this.young;
      this.young = new Map();
    }
    this.young.set(key, value);
  }
}
