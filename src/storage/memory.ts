import { alreadyExists, notFound, StorageError } from "./errors";
import type { ByteRange, ListOptions, ListPage, ObjectMeta, ObjectStore } from "./object-store";
import { compareKeys, parseObjectUrl } from "./url";
import { pageOfSorted, sliceRange } from "./paging";

interface Entry {
  data: Uint8Array;
  lastModified: number;
}

/**
 * In-memory ObjectStore for tests and for Workers-side scratch use. Handles
 * `memory://<name>/<key>` URLs; every store name is its own namespace. Writes copy the
 * bytes so callers cannot mutate stored objects afterwards.
 */
export class MemoryObjectStore implements ObjectStore {
  private readonly objects = new Map<string, Entry>();
  private sortedCache: string[] | null = null;

  /** @param clock source of lastModified values (ms); injectable for timestamp tests */
  constructor(private readonly clock: () => number = Date.now) {}

  async get(url: string, range?: ByteRange): Promise<Uint8Array> {
    const entry = this.entry(url);
    return range ? sliceRange(entry.data, range, url) : entry.data.slice();
  }

  async head(url: string): Promise<ObjectMeta> {
    const entry = this.entry(url);
    return { url, size: entry.data.byteLength, lastModified: entry.lastModified };
  }

  async list(prefix: string, options: ListOptions = {}): Promise<ListPage> {
    this.check(prefix);
    const keys = this.sortedKeys();
    return pageOfSorted(keys, prefix, options, (url) => {
      const e = this.objects.get(url)!;
      return { url, size: e.data.byteLength, lastModified: e.lastModified };
    });
  }

  async put(url: string, data: Uint8Array): Promise<void> {
    this.check(url);
    if (!this.objects.has(url)) this.sortedCache = null;
    this.objects.set(url, { data: data.slice(), lastModified: this.clock() });
  }

  async putIfAbsent(url: string, data: Uint8Array): Promise<void> {
    this.check(url);
    // JS is single-threaded: the has/set pair cannot interleave with another writer.
    if (this.objects.has(url)) throw alreadyExists(url);
    await this.put(url, data);
  }

  async delete(url: string): Promise<void> {
    if (this.objects.delete(url)) this.sortedCache = null;
  }

  /** Test hook: overwrite an object's modification time. */
  setLastModified(url: string, lastModified: number): void {
    this.entry(url).lastModified = lastModified;
  }

  private entry(url: string): Entry {
    this.check(url);
    const entry = this.objects.get(url);
    if (!entry) throw notFound(url);
    return entry;
  }

  private sortedKeys(): string[] {
    this.sortedCache ??= [...this.objects.keys()].sort(compareKeys);
    return this.sortedCache;
  }

  private check(url: string): void {
    if (parseObjectUrl(url).scheme !== "memory") {
      throw new StorageError("STORAGE_UNSUPPORTED_URL", `memory store cannot serve ${url}`, url);
    }
  }
}
