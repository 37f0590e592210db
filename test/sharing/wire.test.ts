import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { md5Hex } from "../../src/sharing/files/md5";
import { sha256Hex } from "../../src/sharing/files/sha256";
import { openToken, sealToken } from "../../src/sharing/files/mac-token";
import { checkReaderFeatures, chooseFormat, parseCapabilities, parseFileIdHash, responseCapabilities } from "../../src/sharing/protocol/capabilities";
import { cleanSchema, metadataLine } from "../../src/sharing/protocol/lines";
import { parseQueryRequest, timestampOf } from "../../src/sharing/protocol/query-request";
import { parseRange } from "../../src/http/routes/sharing/files";
import { scrubLocations } from "../../src/sharing/protocol/errors";

describe("file id hashes", () => {
  it("match node:crypto's MD5 and SHA-256 on ASCII, multi-byte text and block boundaries", () => {
    for (const s of ["", "a", "x".repeat(55), "x".repeat(56), "x".repeat(64), "part=😈/é%25.parquet", "y".repeat(3000)]) {
      expect(md5Hex(s)).toBe(createHash("md5").update(s).digest("hex"));
      expect(sha256Hex(s)).toBe(createHash("sha256").update(s).digest("hex"));
    }
  });
});

describe("MAC'd tokens", () => {
  it("open only for the purpose and key they were sealed with, untampered", async () => {
    const key = await crypto.subtle.importKey("raw", crypto.getRandomValues(new Uint8Array(32)), { name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]);
    const other = await crypto.subtle.importKey("raw", crypto.getRandomValues(new Uint8Array(32)), { name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]);
    const token = await sealToken(key, "page", { a: 1 });
    expect(await openToken(key, "page", token)).toEqual({ a: 1 });
    expect(await openToken(key, "refresh", token)).toBeUndefined();
    expect(await openToken(other, "page", token)).toBeUndefined();
    const [body, mac] = token.split(".");
    expect(await openToken(key, "page", `${Buffer.from('{"a":2}').toString("base64url")}.${mac}`)).toBeUndefined();
    expect(await openToken(key, "page", `${body}.${mac}x`)).toBeUndefined();
    expect(await openToken(key, "page", "no-dot")).toBeUndefined();
  });
});

describe("capabilities and formats (digest A.6)", () => {
  it("parses the header case-insensitively and picks parquet only for reader-1 tables", () => {
    expect(parseCapabilities(undefined)).toMatchObject({ formats: ["parquet"], includeEndStreamAction: false });
    const caps = parseCapabilities("ResponseFormat=DELTA,Parquet; ReaderFeatures=DeletionVectors;includeEndStreamAction=TRUE");
    expect(caps.formats).toEqual(["delta", "parquet"]);
    expect([...caps.readerFeatures!]).toEqual(["deletionvectors"]);
    expect(caps.includeEndStreamAction).toBe(true);
    expect(chooseFormat(caps, 1)).toBe("parquet");
    expect(chooseFormat(caps, 3)).toBe("delta");
    expect(() => chooseFormat(parseCapabilities("responseformat=parquet"), 2)).toThrow(/responseformat=delta/);
    expect(responseCapabilities("delta", true)).toBe("responseformat=delta;includeendstreamaction=true");
    expect(parseFileIdHash(" Delta ")).toBe("delta");
    expect(() => parseFileIdHash("md5")).toThrow();
  });

  it("holds a delta client that listed readerfeatures to every feature the table needs, legacy reader 2 meaning column mapping", () => {
    const dvOnly = parseCapabilities("responseformat=delta;readerfeatures=deletionvectors");
    expect(() => checkReaderFeatures(dvOnly, { minReaderVersion: 3, readerFeatures: ["deletionVectors"] })).not.toThrow();
    expect(() => checkReaderFeatures(dvOnly, { minReaderVersion: 3, readerFeatures: ["deletionVectors", "columnMapping"] })).toThrow(/columnMapping/);
    expect(() => checkReaderFeatures(dvOnly, { minReaderVersion: 2 })).toThrow(/columnMapping/);
    expect(() => checkReaderFeatures(dvOnly, { minReaderVersion: 1 })).not.toThrow();
    expect(() => checkReaderFeatures(parseCapabilities("responseformat=delta;readerfeatures=ColumnMapping"), { minReaderVersion: 2 })).not.toThrow();
    // A client that lists no features is trusted to know what it asked delta for.
    expect(() => checkReaderFeatures(parseCapabilities("responseformat=delta"), { minReaderVersion: 2 })).not.toThrow();
  });
});

describe("metaData lines", () => {
  it("always carry partitionColumns and keep only comments in parquet schemas", () => {
    const schemaString = JSON.stringify({ type: "struct", fields: [{ name: "a", type: { type: "struct", fields: [{ name: "b", type: "long", nullable: true, metadata: { comment: "c", "delta.columnMapping.id": 5 } }] }, nullable: true, metadata: { x: 1 } }] });
    expect(JSON.parse(cleanSchema(schemaString)).fields[0]).toMatchObject({ metadata: {}, type: { fields: [{ metadata: { comment: "c" } }] } });
    const line = metadataLine("parquet", { id: "i", format: { provider: "parquet" }, schemaString, partitionColumns: undefined as never, configuration: {} }, { changeDataFeed: false });
    expect(line.endsWith("\n")).toBe(true);
    expect(JSON.parse(line).metaData.partitionColumns).toEqual([]);
  });
});

describe("request parsing", () => {
  it("reads timestamps as UTC and accepts unknown fields", () => {
    expect(timestampOf("2022-01-01T00:00:00Z", "t")).toBe(Date.UTC(2022, 0, 1));
    expect(timestampOf("2022-01-01T00:00:00", "t")).toBe(Date.UTC(2022, 0, 1));
    expect(timestampOf("2022-01-01", "t")).toBe(Date.UTC(2022, 0, 1));
    expect(timestampOf("2022-01-01T01:00:00+01:00", "t")).toBe(Date.UTC(2022, 0, 1));
    expect(() => timestampOf("01/02/2022", "t")).toThrow();
    expect(parseQueryRequest('{"future":true,"limitHint":3}')).toMatchObject({ limitHint: 3 });
    expect(parseQueryRequest("")).toEqual(expect.objectContaining({}));
  });

  it("parses byte ranges like RFC 9110", () => {
    expect(parseRange(undefined, 10)).toBeUndefined();
    expect(parseRange("bytes=2-4", 10)).toEqual({ offset: 2, length: 3 });
    expect(parseRange("bytes=7-", 10)).toEqual({ offset: 7, length: 3 });
    expect(parseRange("bytes=-3", 10)).toEqual({ offset: 7, length: 3 });
    expect(parseRange("bytes=5-100", 10)).toEqual({ offset: 5, length: 5 });
    expect(parseRange("bytes=10-", 10)).toBe("invalid");
    expect(parseRange("bytes=4-2", 10)).toBe("invalid");
    expect(parseRange("items=1-2", 10)).toBe("invalid");
    expect(parseRange("bytes=0-1,4-5", 10)).toBeUndefined();
  });

  it("scrubs storage locations from messages meant for recipients", () => {
    expect(scrubLocations("change data feed is not enabled at version 3 of file:///tmp/x/t")).toBe("change data feed is not enabled at version 3 of <table>");
    expect(scrubLocations("bad s3://bucket/key, see")).toBe("bad <table>, see");
  });
});
