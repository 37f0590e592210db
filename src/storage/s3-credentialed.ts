import { StorageError } from "./errors";
import type { ByteRange, ListOptions, ListPage, ObjectMeta, ObjectStore } from "./object-store";
import { S3ObjectStore } from "./s3";

/** How to reach an S3 bucket with credentials scoped to part of it. */
export interface S3Access {
  region: string;
  /** S3-compatible endpoints (MinIO, R2, the test server). */
  endpoint?: string;
  forcePathStyle?: boolean;
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}

/** S3 access together with the prefix its keys reach and when they expire (epoch ms). */
export interface ScopedS3Access extends S3Access {
  scope: string;
  expiresAt: number;
}

/**
 * The port to the credentials module (issue 7): keys that reach `url` (for writing when
 * `write`), or undefined when Lakeward holds none for it.
 */
export type S3AccessFor = (url: string, write: boolean) => Promise<ScopedS3Access | undefined>;

/** Keys are dropped this long before they expire, so no request is signed with dying keys. */
const RENEW_MARGIN_MS = 5 * 60_000;
/** Scopes remembered at once; there is one per external location folder in use. */
const MAX_SCOPES = 64;

interface Held {
  access: ScopedS3Access;
  write: boolean;
  store: S3ObjectStore;
}

/**
 * The `s3://` store the service runs with (issue 5 §1, issue 7): keys come per URL from the
 * credentials port — the storage credential of the external location covering it, assumed
 * through STS — rather than from one process-wide identity, so Lakeward's own reads and
 * writes reach only what an admin registered. A URL no location covers fails with
 * STORAGE_NO_CREDENTIALS. Keys are held per scope until shortly before they expire, so a
 * snapshot read of many objects asks the port (and the database behind it) once.
 */
export class CredentialedS3ObjectStore implements ObjectStore {
  private readonly held: Held[] = [];

  /** @param now epoch ms, the same clock the port's expiry times follow */
  constructor(
    private readonly accessFor: S3AccessFor,
    private readonly now: () => number = Date.now,
  ) {}

  async prepare(url: string, write: boolean): Promise<void> {
    await this.storeFor(url, write);
  }

  private async storeFor(url: string, write: boolean): Promise<S3ObjectStore> {
    const limit = this.now() + RENEW_MARGIN_MS;
    for (let i = this.held.length - 1; i >= 0; i--) {
      const h = this.held[i]!;
      if (h.access.expiresAt <= limit) this.held.splice(i, 1);
      else if ((h.write || !write) && within(url, h.access.scope)) return h.store;
    }
    const access = await this.accessFor(url, write);
    if (!access) {
      throw new StorageError("STORAGE_NO_CREDENTIALS", `no external location with a storage credential covers ${url}, so Lakeward cannot reach it`, url);
    }
    const store = new S3ObjectStore(access);
    if (this.held.length >= MAX_SCOPES) this.held.shift();
    this.held.push({ access, write, store });
    return store;
  }

  async get(url: string, range?: ByteRange): Promise<Uint8Array> {
    return (await this.storeFor(url, false)).get(url, range);
  }
  async head(url: string): Promise<ObjectMeta> {
    return (await this.storeFor(url, false)).head(url);
  }
  async list(prefix: string, options?: ListOptions): Promise<ListPage> {
    return (await this.storeFor(prefix, false)).list(prefix, options);
  }
  async put(url: string, data: Uint8Array): Promise<void> {
    return (await this.storeFor(url, true)).put(url, data);
  }
  async putIfAbsent(url: string, data: Uint8Array): Promise<void> {
    return (await this.storeFor(url, true)).putIfAbsent(url, data);
  }
  async delete(url: string): Promise<void> {
    return (await this.storeFor(url, true)).delete(url);
  }
}

/** Segment-wise: `s3://b/orders` reaches `s3://b/orders/x`, not `s3://b/orders_backup`. */
function within(url: string, scope: string): boolean {
  return url === scope || url.startsWith(scope.endsWith("/") ? scope : `${scope}/`);
}
