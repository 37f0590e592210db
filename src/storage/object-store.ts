/**
 * The ObjectStore port: the only way Lakeward's Delta code touches table storage.
 *
 * Objects are addressed by URL strings: `file:///abs/path`, `s3://bucket/key`,
 * `memory://name/key`. The part after the authority is the *raw* object key — it is never
 * percent-decoded again, so a key that contains `%` (Hive-escaped partition directories such
 * as `letter=%2F%2520%25f/`) is written as is. Percent-decoding of Delta log paths happens once,
 * in the Delta layer (PROTOCOL.md "Path"), before a URL is built.
 *
 * The port is deliberately small so it maps 1:1 onto S3 and can run on Cloudflare Workers:
 * whole/range reads, head, sorted prefix listing with paging, put, and an atomic
 * create-if-absent which the Delta commit protocol needs (PROTOCOL.md "Commit Protocol").
 */

/** Inclusive-exclusive byte range: `offset` .. `offset + length`. */
export interface ByteRange {
  offset: number;
  length: number;
}

/** What head() and list() know about one object. */
export interface ObjectMeta {
  /** Full object URL (same scheme/authority as the request). */
  url: string;
  size: number;
  /** Last modification time, epoch milliseconds. */
  lastModified: number;
}

/** Options for one list() page. */
export interface ListOptions {
  /** Only return objects whose URL sorts strictly after this URL. */
  startAfter?: string;
  /** Opaque token from a previous page's `nextPageToken`. */
  pageToken?: string;
  /** Maximum objects in this page (adapters may return fewer). */
  pageSize?: number;
}

/** One page of a listing; objects are sorted by key in UTF-8 byte order. */
export interface ListPage {
  objects: ObjectMeta[];
  /** Present when more objects follow. */
  nextPageToken?: string;
}

/** Storage port implemented by the memory, S3 and local-filesystem adapters. */
export interface ObjectStore {
  /** Read a whole object, or a byte range of it. Missing → STORAGE_NOT_FOUND. */
  get(url: string, range?: ByteRange): Promise<Uint8Array>;
  /** Size and modification time. Missing → STORAGE_NOT_FOUND. */
  head(url: string): Promise<ObjectMeta>;
  /** Objects whose URL starts with `prefix` (a plain string prefix, not a directory). */
  list(prefix: string, options?: ListOptions): Promise<ListPage>;
  /** Create or replace an object. */
  put(url: string, data: Uint8Array): Promise<void>;
  /** Create an object only if absent, atomically. Exists → STORAGE_ALREADY_EXISTS. */
  putIfAbsent(url: string, data: Uint8Array): Promise<void>;
  /** Delete an object; deleting a missing object is not an error. */
  delete(url: string): Promise<void>;
  /**
   * Resolve now whatever reaching `url` takes (the S3 store's credentials, which come from the
   * database). Call it before writing from inside a database transaction: a single-connection
   * database (PGlite, a Worker's connection) would otherwise wait on itself. Optional; a no-op
   * for stores that need nothing.
   */
  prepare?(url: string, write: boolean): Promise<void>;
}

/**
 * Iterate every object under `prefix`, following page tokens.
 * @param store the store to list
 * @param prefix URL prefix
 * @param options optional startAfter / page size
 */
export async function* listAll(
  store: ObjectStore,
  prefix: string,
  options: Omit<ListOptions, "pageToken"> = {},
): AsyncGenerator<ObjectMeta> {
  let pageToken: string | undefined;
  do {
    const page = await store.list(prefix, { ...options, pageToken });
    yield* page.objects;
    pageToken = page.nextPageToken;
  } while (pageToken);
}

/** Collect {@link listAll} into an array. */
export async function listAllToArray(
  store: ObjectStore,
  prefix: string,
  options: Omit<ListOptions, "pageToken"> = {},
): Promise<ObjectMeta[]> {
  const out: ObjectMeta[] = [];
  for await (const meta of listAll(store, prefix, options)) out.push(meta);
  return out;
}
