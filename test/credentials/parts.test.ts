import { describe, expect, it } from "vitest";
import { isValidRoleSessionName, roleSessionName } from "../../src/credentials/session-name";
import { RENEW_BEFORE_MS, VendedCredentialCache } from "../../src/credentials/cache";
import { ancestorsOf } from "../../src/credentials/coverage";
import { TestClock } from "./vending";

describe("role session names", () => {
  it("name the principal within STS's charset and 64 characters", () => {
    expect(roleSessionName("alice@example.com", "0f8c0000-0000-0000-0000-000000000000")).toBe("lakeward-alice@example.com");
    expect(roleSessionName("data eng/ops (prod)", "0f8c0000-0000-0000-0000-000000000000")).toBe("lakeward-data-eng-ops--prod-");
    expect(roleSessionName("Ünïcode", "x")).toBe("lakeward--n-code");
    const long = roleSessionName("a".repeat(100) + "@example.com", "0f8c1234-0000-0000-0000-000000000000");
    expect(long).toHaveLength(64);
    expect(long.endsWith("-0f8c1234")).toBe(true);
    for (const name of ["a", "x".repeat(200), "quote'and\"semicolon;", "\u0000ctl", ""]) {
      expect(isValidRoleSessionName(roleSessionName(name, "12345678-aaaa-bbbb-cccc-dddddddddddd")), name).toBe(true);
    }
  });
});

describe("vended credential cache", () => {
  const key = { principal: "p", url: "s3://b/t", access: "read", roleArn: "arn:aws:iam::123456789012:role/r" };
  const creds = (expiration: number) => ({ accessKeyId: "ASIA1", secretAccessKey: "s", sessionToken: "t", expiration });

  it("serves credentials until RENEW_BEFORE_MS before expiry, per principal, URL, access and role", () => {
    const clock = new TestClock(1_000_000);
    const cache = new VendedCredentialCache(clock);
    cache.set(key, creds(clock.now() + 3600_000));
    expect(cache.get(key)).toBeDefined();
    for (const other of [{ principal: "q" }, { url: "s3://b/t2" }, { access: "write" }, { roleArn: "arn:aws:iam::123456789012:role/other" }]) {
      expect(cache.get({ ...key, ...other })).toBeUndefined();
    }
    clock.advance(3600_000 - RENEW_BEFORE_MS - 1);
    expect(cache.get(key)).toBeDefined();
    clock.advance(2);
    expect(cache.get(key)).toBeUndefined();
  });

  it("is bounded", () => {
    const clock = new TestClock();
    const cache = new VendedCredentialCache(clock, 2);
    for (const url of ["s3://b/1", "s3://b/2", "s3://b/3"]) cache.set({ ...key, url }, creds(clock.now() + 3600_000));
    expect(cache.get({ ...key, url: "s3://b/1" })).toBeUndefined();
    expect(cache.get({ ...key, url: "s3://b/3" })).toBeDefined();
  });
});

describe("coverage lookups", () => {
  it("walks a URL up segment by segment, treating s3a as s3", () => {
    expect(ancestorsOf("s3://b/x/y")).toEqual(["s3://b/x/y", "s3a://b/x/y", "s3://b/x", "s3a://b/x", "s3://b", "s3a://b"]);
    expect(ancestorsOf("file:///tmp/a")).toEqual(["file:///tmp/a", "file:///tmp", "file:///"]);
    expect(ancestorsOf("gs://b/orders_backup")).not.toContain("gs://b/orders");
  });
});
