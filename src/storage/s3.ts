import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { alreadyExists, notFound, StorageError } from "./errors";
import type { ByteRange, ListOptions, ListPage, ObjectMeta, ObjectStore } from "./object-store";
import { MAX_PAGE_SIZE, checkRange } from "./paging";
import { parseObjectUrl } from "./url";

/** Settings for {@link S3ObjectStore}; credentials are passed in, never read from env here. */
export interface S3StoreConfig {
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** For S3-compatible stores (MinIO, R2, the test server): `http://127.0.0.1:9000`. */
  endpoint?: string;
  /** Path-style addressing (`/bucket/key`), needed by most S3-compatible stores. */
  forcePathStyle?: boolean;
  /** Use an existing client instead (tests, custom middleware). */
  client?: S3Client;
}

/**
 * ObjectStore over S3 (`s3://bucket/key`) using @aws-sdk/client-s3, which works on Node and,
 * through its fetch handler, on Workers. putIfAbsent relies on S3 conditional writes
 * (`If-None-Match: *`, 412 when the key exists) — the primitive the Delta commit protocol
 * needs to make "create version N" atomic without an external lock.
 */
export class S3ObjectStore implements ObjectStore {
  readonly client: S3Client;

  constructor(config: S3StoreConfig) {
    this.client =
      config.client ??
      new S3Client({
        region: config.region,
        credentials: config.credentials,
        endpoint: config.endpoint,
        forcePathStyle: config.forcePathStyle,
      });
  }

  async get(url: string, range?: ByteRange): Promise<Uint8Array> {
    const { bucket, key } = split(url);
    if (range) {
      checkRange(range, Number.MAX_SAFE_INTEGER, url);
      if (range.length === 0) return new Uint8Array(0);
    }
    try {
      const out = await this.client.send(
        new GetObjectCommand({
          Bucket: bucket,
          Key: key,
          Range: range ? `bytes=${range.offset}-${range.offset + range.length - 1}` : undefined,
        }),
      );
      return out.Body ? await out.Body.transformToByteArray() : new Uint8Array(0);
    } catch (err) {
      throw translate(err, url);
    }
  }

  async head(url: string): Promise<ObjectMeta> {
    const { bucket, key } = split(url);
    try {
      const out = await this.client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
      return { url, size: out.ContentLength ?? 0, lastModified: out.LastModified?.getTime() ?? 0 };
    } catch (err) {
      throw translate(err, url);
    }
  }

  async list(prefix: string, options: ListOptions = {}): Promise<ListPage> {
    const { bucket, key } = split(prefix);
    const base = `s3://${bucket}/`;
    try {
      const out = await this.client.send(
        new ListObjectsV2Command({
          Bucket: bucket,
          Prefix: key,
          ContinuationToken: options.pageToken,
          StartAfter: options.startAfter ? split(options.startAfter).key : undefined,
          MaxKeys: Math.min(options.pageSize ?? MAX_PAGE_SIZE, MAX_PAGE_SIZE),
        }),
      );
      const objects = (out.Contents ?? []).map((o) => ({
        url: base + (o.Key ?? ""),
        size: o.Size ?? 0,
        lastModified: o.LastModified?.getTime() ?? 0,
      }));
      return out.IsTruncated && out.NextContinuationToken
        ? { objects, nextPageToken: out.NextContinuationToken }
        : { objects };
    } catch (err) {
      throw translate(err, prefix);
    }
  }

  async put(url: string, data: Uint8Array): Promise<void> {
    const { bucket, key } = split(url);
    try {
      await this.client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: data }));
    } catch (err) {
      throw translate(err, url);
    }
  }

  async putIfAbsent(url: string, data: Uint8Array): Promise<void> {
    const { bucket, key } = split(url);
    try {
      await this.client.send(
        new PutObjectCommand({ Bucket: bucket, Key: key, Body: data, IfNoneMatch: "*" }),
      );
    } catch (err) {
      const status = httpStatus(err);
      // 412: the key exists. 409 ConditionalRequestConflict: another conditional write on
      // the same key is in flight — for a commit that is equally "someone else got there".
      if (status === 412 || status === 409) throw alreadyExists(url, err);
      throw translate(err, url);
    }
  }

  async delete(url: string): Promise<void> {
    const { bucket, key } = split(url);
    try {
      await this.client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
    } catch (err) {
      throw translate(err, url);
    }
  }
}

function split(url: string): { bucket: string; key: string } {
  const parsed = parseObjectUrl(url);
  if (parsed.scheme !== "s3" || !parsed.authority) {
    throw new StorageError("STORAGE_UNSUPPORTED_URL", `not an s3://bucket/key URL: ${url}`, url);
  }
  return { bucket: parsed.authority, key: parsed.key };
}

function httpStatus(err: unknown): number | undefined {
  return (err as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode;
}

function translate(err: unknown, url: string): StorageError {
  const status = httpStatus(err);
  const name = (err as { name?: string })?.name;
  if (status === 404 || name === "NoSuchKey" || name === "NotFound") return notFound(url, err);
  if (status === 416) {
    return new StorageError("STORAGE_INVALID_RANGE", `range not satisfiable for ${url}`, url, {
      cause: err,
    });
  }
  const message = err instanceof Error ? err.message : String(err);
  return new StorageError("STORAGE_IO", `S3 request for ${url} failed: ${message}`, url, {
    cause: err,
  });
}
