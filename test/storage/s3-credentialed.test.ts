import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isStorageError } from "../../src/storage/errors";
import { CredentialedS3ObjectStore, type ScopedS3Access } from "../../src/storage/s3-credentialed";
import { startS3TestServer, type S3TestServer } from "../support/s3-server";

/**
 * The service's s3:// store asks its credentials port once per scope and keeps the keys until
 * shortly before they expire; a URL outside every scope, or a write with read keys, asks again.
 */
let s3: S3TestServer;
let now = 1_000_000;
const asked: { url: string; write: boolean }[] = [];
let scopes: Record<string, number> = {};

const store = new CredentialedS3ObjectStore(async (url, write): Promise<ScopedS3Access | undefined> => {
  asked.push({ url, write });
  const scope = Object.keys(scopes).find((s) => url === s || url.startsWith(`${s}/`));
  if (!scope) return undefined;
  return { region: s3.region, endpoint: s3.endpoint, forcePathStyle: true, credentials: s3.credentials, scope, expiresAt: scopes[scope]! };
}, () => now);

beforeAll(async () => {
  s3 = await startS3TestServer({ buckets: ["lake"] });
});
afterAll(() => s3.close());

describe("CredentialedS3ObjectStore", () => {
  it("asks once per scope and access, segment-wise, and again near expiry", async () => {
    scopes = { "s3://lake/orders": now + 3_600_000, "s3://lake/orders_backup": now + 3_600_000 };
    await store.put("s3://lake/orders/a", new Uint8Array([1]));
    await store.put("s3://lake/orders/b", new Uint8Array([2]));
    // Write keys serve reads too.
    expect(await store.get("s3://lake/orders/a")).toEqual(new Uint8Array([1]));
    expect(asked).toEqual([{ url: "s3://lake/orders/a", write: true }]);
    // A sibling sharing the leading characters is another scope.
    await store.list("s3://lake/orders_backup/");
    expect(asked.at(-1)).toEqual({ url: "s3://lake/orders_backup/", write: false });
    // Read keys do not serve writes.
    await store.put("s3://lake/orders_backup/x", new Uint8Array([3]));
    expect(asked.at(-1)).toEqual({ url: "s3://lake/orders_backup/x", write: true });
    const count = asked.length;
    now += 3_600_000 - 4 * 60_000; // within 5 minutes of expiry
    scopes["s3://lake/orders"] = now + 3_600_000;
    await store.head("s3://lake/orders/b");
    expect(asked.length).toBe(count + 1);
  });

  it("fails with STORAGE_NO_CREDENTIALS where the port has none, without calling S3", async () => {
    const before = s3.signers.length;
    const err = await store.get("s3://lake/elsewhere/a").catch((e: unknown) => e);
    expect(isStorageError(err, "STORAGE_NO_CREDENTIALS")).toBe(true);
    expect((err as Error).message).toContain("s3://lake/elsewhere/a");
    expect(s3.signers.length).toBe(before);
  });
});
