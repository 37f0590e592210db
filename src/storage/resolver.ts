import { StorageError } from "./errors";
import type { ByteRange, ListOptions, ListPage, ObjectMeta, ObjectStore } from "./object-store";
import { parseObjectUrl } from "./url";

/**
 * An ObjectStore that routes each call to the adapter registered for the URL's scheme.
 * The composition root builds one (e.g. `{ s3, file, memory }` on Node, `{ s3 }` on
 * Workers) and hands it to the Delta code, which then never needs to know where a table lives.
 */
export class ObjectStoreResolver implements ObjectStore {
  private readonly adapters: Map<string, ObjectStore>;

  /** @param adapters adapter per lower-case scheme, e.g. `{ s3: new S3ObjectStore(...) }` */
  constructor(adapters: Record<string, ObjectStore>) {
    this.adapters = new Map(Object.entries(adapters).map(([k, v]) => [k.toLowerCase(), v]));
  }

  /**
   * The adapter that serves `url`.
   * @throws StorageError STORAGE_UNSUPPORTED_URL when no adapter handles the scheme
   */
  resolve(url: string): ObjectStore {
    const { scheme } = parseObjectUrl(url);
    const store = this.adapters.get(scheme);
    if (!store) {
      throw new StorageError(
        "STORAGE_UNSUPPORTED_URL",
        `no object store configured for scheme "${scheme}" (${url})`,
        url,
      );
    }
    return store;
  }

  get(url: string, range?: ByteRange): Promise<Uint8Array> {
    return this.resolve(url).get(url, range);
  }
  head(url: string): Promise<ObjectMeta> {
    return this.resolve(url).head(url);
  }
  list(prefix: string, options?: ListOptions): Promise<ListPage> {
    return this.resolve(prefix).list(prefix, options);
  }
  put(url: string, data: Uint8Array): Promise<void> {
    return this.resolve(url).put(url, data);
  }
  putIfAbsent(url: string, data: Uint8Array): Promise<void> {
    return this.resolve(url).putIfAbsent(url, data);
  }
  delete(url: string): Promise<void> {
    return this.resolve(url).delete(url);
  }
  async prepare(url: string, write: boolean): Promise<void> {
    await this.resolve(url).prepare?.(url, write);
  }
}
