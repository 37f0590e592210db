import { createHash } from "node:crypto";
import { desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { auditLog } from "../../../schema/index";
import { appendFiles } from "../../../src/delta/writer";
import { startTestApp, type TestApp } from "../../support/app";
import { expectedOf } from "../../support/delta-testdata";
import { assertNdjsonShape, type SharingClient } from "../../support/sharing-client";
import { SharingReader, urlOf } from "../../support/sharing-reader";
import { activatedRecipient, shareWith, sharingWorld, type SharingWorld } from "../../support/sharing-world";

let t: TestApp;
let world: SharingWorld;
let acme: SharingClient;
let reader: SharingReader;
const T = (name: string) => `/shares/main/schemas/s/tables/${name}`;
const DELTA = { "delta-sharing-capabilities": "responseformat=delta;readerfeatures=deletionvectors,columnmapping,timestampntz" };
const TRAVEL_MTIMES = () => expectedOf("golden-time-travel-start-start20-start40").timestamps!.generatorCommitFileMtimes;

/** The newest audit row of a protocol action (issue 8 §7). */
async function lastAudit(action: string) {
  const [row] = await t.services.db.select().from(auditLog).where(eq(auditLog.actionName, action)).orderBy(desc(auditLog.seq)).limit(1);
  return row;
}
/** NDJSON answers are audited when the stream ends, which may settle just after the body. */
const expectAudit = (action: string, match: Record<string, unknown>) => vi.waitFor(async () => expect(await lastAudit(action)).toMatchObject(match), { timeout: 2000 });

beforeAll(async () => {
  t = await startTestApp();
  world = await sharingWorld(t, ["basic", "multi", "travel", "dv", "appended", "colmap"]);
  acme = (await activatedRecipient(t, "acme")).client;
  const hist = (name: string) => ({ name: `lake.delta.${name}`, shared_as: `s.${name}`, history_data_sharing_status: "ENABLED" });
  await shareWith(t, "main", ["basic", "multi", "travel", "dv", "appended", "colmap"].map(hist), ["acme"]);
  reader = await SharingReader.open(t.app);
});
afterAll(async () => {
  await reader.close();
  await t.close();
  await world.cleanup();
});

describe("metadata and version", () => {
  it("answers metadata as exactly two NDJSON lines, with Delta-Table-Version and the format used", async () => {
    const res = await acme.get(`${T("basic")}/metadata`);
    expect(res.status).toBe(200);
    assertNdjsonShape(res.text);
    expect(res.headers.get("content-type")).toBe("application/x-ndjson; charset=utf-8");
    expect(res.headers.get("delta-table-version")).toBe("1");
    expect(res.headers.get("delta-sharing-capabilities")).toBe("responseformat=parquet");
    expect(res.lines).toHaveLength(2);
    expect(res.lines[0]).toEqual({ protocol: { minReaderVersion: 1 } });
    const meta = res.lines[1].metaData;
    expect(meta).toMatchObject({ id: expectedOf("dat-basic-append").versions["1"]!.metadata.id, format: { provider: "parquet" }, partitionColumns: [], configuration: {} });
    expect(JSON.parse(meta.schemaString).type).toBe("struct");
  });

  it("negotiates: delta,parquet gets parquet for a reader-1 table and delta for a deletion-vector table", async () => {
    const both = { "delta-sharing-capabilities": "responseformat=delta,parquet;readerfeatures=deletionvectors,columnmapping,timestampntz" };
    expect((await acme.get(`${T("basic")}/metadata`, both)).headers.get("delta-sharing-capabilities")).toBe("responseformat=parquet");
    const dv = await acme.get(`${T("dv")}/metadata`, both);
    expect(dv.headers.get("delta-sharing-capabilities")).toBe("responseformat=delta");
    expect(dv.lines[0].protocol.deltaProtocol).toMatchObject({ minReaderVersion: 3, readerFeatures: ["deletionVectors"] });
    expect(dv.lines[1].metaData.deltaMetadata).toMatchObject({ partitionColumns: [], configuration: { "delta.enableDeletionVectors": "true" } });
  });

  it("gives the version with GET …/version and the deprecated HEAD, and resolves startingTimestamp", async () => {
    const get = await acme.get(`${T("multi")}/version`);
    expect(get.status).toBe(200);
    expect(get.text).toBe("");
    expect(get.headers.get("delta-table-version")).toBe("2");
    const head = await acme.head(T("multi"));
    expect(head.status).toBe(200);
    expect(head.headers.get("delta-table-version")).toBe("2");
    const mtimes = expectedOf("golden-time-travel-start-start20-start40").timestamps!.generatorCommitFileMtimes;
    const at = new Date(mtimes["0"]! + 1).toISOString();
    expect((await acme.get(`${T("travel")}/version?startingTimestamp=${at}`)).headers.get("delta-table-version")).toBe("1");
  });
});

describe("query: snapshots", () => {
  it("returns protocol, metaData and one file line per live file, readable by a client", async () => {
    const res = await acme.query(T("basic"), {});
    expect(res.status).toBe(200);
    assertNdjsonShape(res.text);
    expect(res.headers.get("delta-table-version")).toBe("1");
    expect(res.lines.slice(2).every((l) => Object.keys(l)[0] === "file")).toBe(true);
    const files = res.lines.slice(2).map((l) => l.file);
    expect(files).toHaveLength(2);
    for (const f of files) {
      expect(f).toMatchObject({ partitionValues: {}, size: expect.any(Number), stats: expect.any(String) });
      expect(f.id).toMatch(/^[0-9a-f]{32}$/);
      expect(f.expirationTimestamp - Date.now()).toBeGreaterThan(59 * 60_000);
      expect(f).not.toHaveProperty("version");
    }
    expect(await reader.countRows(files.map((f) => f.url))).toBe(expectedOf("dat-basic-append").versions["1"]!.rowsInDataFiles);
    const again = await acme.query(T("basic"), {});
    expect(again.lines.slice(2).map((l) => l.file.id).sort()).toEqual(files.map((f) => f.id).sort());
  });

  it("travels to a version or a timestamp of a table shared WITH HISTORY, with version and timestamp on each file", async () => {
    const v0 = await acme.query(T("multi"), { version: 0 });
    expect(v0.headers.get("delta-table-version")).toBe("0");
    expect(v0.lines.slice(2)).toHaveLength(3);
    expect(v0.lines[2].file).toMatchObject({ version: 0, timestamp: expect.any(Number) });
    const mtimes = expectedOf("golden-time-travel-start-start20-start40").timestamps!.generatorCommitFileMtimes;
    const at = await acme.query(T("travel"), { timestamp: new Date(mtimes["1"]! + 1000).toISOString() });
    expect(at.headers.get("delta-table-version")).toBe("1");
    expect(at.lines.slice(2)).toHaveLength(4);
    expect(at.lines[2].file.timestamp).toBe(mtimes["1"]);
  });

  it("prunes with jsonPredicateHints on partition values, never dropping a file that could match", async () => {
    const hint = (letter: string) => JSON.stringify({ op: "equal", children: [{ op: "column", name: "letter", valueType: "string" }, { op: "literal", value: letter, valueType: "string" }] });
    const a = await acme.query(T("multi"), { version: 1, jsonPredicateHints: hint("a") });
    expect(a.lines.slice(2).map((l) => l.file.partitionValues.letter)).toEqual(["a", "a"]);
    const isNull = JSON.stringify({ op: "isNull", children: [{ op: "column", name: "date", valueType: "date" }] });
    expect((await acme.query(T("multi"), { version: 1, jsonPredicateHints: isNull })).lines.slice(2)).toHaveLength(2);
    const stats = JSON.stringify({ op: "greaterThan", children: [{ op: "column", name: "number", valueType: "long" }, { op: "literal", value: "6", valueType: "long" }] });
    expect((await acme.query(T("multi"), { jsonPredicateHints: stats })).lines.slice(2).map((l) => l.file.partitionValues.letter)).toEqual(["b"]);
    const invalid = await acme.query(T("multi"), { version: 1, jsonPredicateHints: "{not json" });
    expect(invalid.lines.slice(2)).toHaveLength(5);
  });

  it("applies legacy predicateHints and stops early on limitHint using numRecords", async () => {
    expect((await acme.query(T("multi"), { version: 0, predicateHints: ["letter = 'b'", "date >= '1970-01-02'"] })).lines.slice(2)).toHaveLength(1);
    const limited = await acme.query(T("basic"), { limitHint: 1 });
    expect(limited.lines.slice(2)).toHaveLength(1);
  });

  it("honours includeRefreshToken: the refresh token re-reads the same version after the table moved on", async () => {
    const first = await acme.query(T("appended"), { includeRefreshToken: true });
    const last = first.lines[first.lines.length - 1];
    expect(Object.keys(last)).toEqual(["endStreamAction"]);
    expect(last.endStreamAction.refreshToken).toEqual(expect.any(String));
    expect(last.endStreamAction.minUrlExpirationTimestamp).toEqual(expect.any(Number));
    expect(first.headers.get("delta-sharing-capabilities")).toBe("responseformat=parquet");
    await appendFiles(t.services.storage, world.urls.appended, [{ path: "new-file.parquet", size: 10, partitionValues: {}, stats: { numRecords: 1 } } as never]);
    expect((await acme.get(`${T("appended")}/version`)).headers.get("delta-table-version")).toBe("2");
    const refreshed = await acme.query(T("appended"), { refreshToken: last.endStreamAction.refreshToken, includeRefreshToken: true });
    expect(refreshed.headers.get("delta-table-version")).toBe("1");
    const ids = (r: typeof first) => r.lines.filter((l) => l.file).map((l) => l.file.id).sort();
    expect(ids(refreshed)).toEqual(ids(first));
  });

  it("pages with maxFiles: every page repeats protocol and metaData, tokens chain, the last has no nextPageToken", async () => {
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const res = await acme.query(T("multi"), { version: 1, maxFiles: 2, ...(token ? { pageToken: token } : {}) });
      expect(res.status).toBe(200);
      expect(res.headers.get("delta-table-version")).toBe("1");
      expect(Object.keys(res.lines[0])).toEqual(["protocol"]);
      expect(Object.keys(res.lines[1])).toEqual(["metaData"]);
      const end = res.lines[res.lines.length - 1].endStreamAction;
      expect(end).toBeDefined();
      seen.push(...res.lines.filter((l) => l.file).map((l) => l.file.id));
      token = end.nextPageToken;
      pages++;
    } while (token);
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(5);
  });

  it("ends with an endStreamAction only when asked, and says so in the capabilities header", async () => {
    const plain = await acme.query(T("basic"), {});
    expect(plain.lines.some((l) => l.endStreamAction)).toBe(false);
    const asked = await acme.query(T("basic"), {}, { "delta-sharing-capabilities": "responseformat=parquet;includeendstreamaction=true" });
    expect(asked.headers.get("delta-sharing-capabilities")).toBe("responseformat=parquet;includeendstreamaction=true");
    expect(Object.keys(asked.lines[asked.lines.length - 1])).toEqual(["endStreamAction"]);
  });

  it("accepts both spellings of the idempotency key and ignores unknown fields", async () => {
    expect((await acme.query(T("basic"), { idempotencyKey: "k1", somethingNew: [1] })).status).toBe(200);
    expect((await acme.query(T("basic"), { idempotency_key: "k2" })).status).toBe(200);
  });
});

describe("query: delta format and file ids", () => {
  it("answers delta for a deletion-vector table, with signed data and deletion vector URLs", async () => {
    const res = await acme.query(T("dv"), {}, DELTA);
    expect(res.status).toBe(200);
    assertNdjsonShape(res.text);
    expect(res.headers.get("delta-sharing-capabilities")).toBe("responseformat=delta");
    const file = res.lines[2].file;
    expect(file.id).toMatch(/^[0-9a-f]{64}$/);
    expect(file.deletionVectorFileId).toEqual(expect.any(String));
    const add = file.deltaSingleAction.add;
    expect(add.path).toMatch(/^http:\/\/localhost\/delta-sharing\/files\//);
    expect(add.deletionVector).toMatchObject({ storageType: "p", offset: 1, sizeInBytes: 36, cardinality: 2 });
    const dv = await t.app.request(add.deletionVector.pathOrInlineDv.replace(/^http:\/\/[^/]+/, ""));
    expect(dv.status).toBe(200);
    expect((await dv.arrayBuffer()).byteLength).toBeGreaterThan(36);
    expect(await reader.countRows([add.path])).toBe(10);
  });

  it("derives ids as fileidhash asks and echoes it: MD5 or SHA-256 of the logged path", async () => {
    const md5 = await acme.query(T("basic"), {}, { fileidhash: "PARQUET" });
    expect(md5.headers.get("fileidhash")).toBe("parquet");
    const path = decodeURIComponent(new URL(md5.lines[2].file.url).pathname.split("/f/")[1]!);
    expect(md5.lines[2].file.id).toBe(createHash("md5").update(path).digest("hex"));
    const sha = await acme.query(T("basic"), {}, { fileidhash: "delta" });
    expect(sha.lines[2].file.id).toBe(createHash("sha256").update(decodeURIComponent(new URL(sha.lines[2].file.url).pathname.split("/f/")[1]!)).digest("hex"));
  });
});

describe("query: from a starting version (streaming)", () => {
  it("returns add lines with version and timestamp from the starting version on", async () => {
    const res = await acme.query(T("basic"), { startingVersion: 1 });
    expect(res.status).toBe(200);
    expect(res.headers.get("delta-table-version")).toBe("1");
    expect(res.lines[1].metaData.version).toBe(1);
    const adds = res.lines.filter((l) => l.add).map((l) => l.add);
    expect(adds).toHaveLength(1);
    expect(adds[0]).toMatchObject({ version: 1, timestamp: expect.any(Number), size: expect.any(Number) });
    expect(await reader.countRows(adds.map((a) => a.url))).toBe(2);
  });
});

describe("files", () => {
  it("serves signed URLs with ranges (206, Content-Range) and HEAD", async () => {
    const res = await acme.query(T("basic"), {});
    const url = urlOf(res.lines[2]).replace(/^http:\/\/[^/]+/, "");
    const size = res.lines[2].file.size;
    const ranged = await t.app.request(url, { headers: { range: "bytes=0-3" } });
    expect(ranged.status).toBe(206);
    expect(ranged.headers.get("content-range")).toBe(`bytes 0-3/${size}`);
    expect(new TextDecoder().decode(await ranged.arrayBuffer())).toBe("PAR1");
    const suffix = await t.app.request(url, { headers: { range: "bytes=-4" } });
    expect(new TextDecoder().decode(await suffix.arrayBuffer())).toBe("PAR1");
    expect((await t.app.request(url, { headers: { range: `bytes=${size}-` } })).status).toBe(416);
    const head = await t.app.request(url, { method: "HEAD" });
    expect(head.headers.get("content-length")).toBe(String(size));
    expect(head.headers.get("accept-ranges")).toBe("bytes");
  });
});

describe("audit of successful table calls", () => {
  it("audits GET …/version with the recipient, the table and the version", async () => {
    expect((await acme.get(`${T("multi")}/version`)).status).toBe(200);
    expect(await lastAudit("deltaSharingGetTableVersion")).toMatchObject({
      serviceName: "deltaSharing", outcome: "success", statusCode: 200, principalName: "acme",
      securableType: "table", securableFullName: "main.s.multi",
      details: expect.objectContaining({ recipient: "acme", share: "main", version: 2 }),
    });
  });

  it("audits metadata with the version and the format used, and no files", async () => {
    expect((await acme.get(`${T("dv")}/metadata`, DELTA)).status).toBe(200);
    await expectAudit("deltaSharingGetTableMetadata", {
      outcome: "success", principalName: "acme", securableFullName: "main.s.dv",
      details: expect.objectContaining({ recipient: "acme", version: expect.any(Number), format: "delta", files: 0 }),
    });
  });

  it("audits a query with the version and the number of files answered, never a URL", async () => {
    const res = await acme.query(T("multi"), { version: 1 });
    const files = res.lines.filter((l) => l.file).length;
    expect(files).toBe(5);
    await expectAudit("deltaSharingQueryTable", {
      outcome: "success", statusCode: 200, principalName: "acme", securableFullName: "main.s.multi",
      details: expect.objectContaining({ recipient: "acme", share: "main", version: 1, format: "parquet", files, request: expect.objectContaining({ version: 1 }) }),
    });
    expect(JSON.stringify(await lastAudit("deltaSharingQueryTable"))).not.toContain("/delta-sharing/files/");
    // Pruned answers count what was sent, not what the table holds.
    const hint = JSON.stringify({ op: "equal", children: [{ op: "column", name: "letter", valueType: "string" }, { op: "literal", value: "a", valueType: "string" }] });
    await acme.query(T("multi"), { version: 1, jsonPredicateHints: hint });
    await expectAudit("deltaSharingQueryTable", { details: expect.objectContaining({ version: 1, files: 2 }) });
  });

  it("audits a refused query as failed, with the protocol's error code", async () => {
    const res = await acme.query(T("multi"), { version: 99 });
    expect(res.status).toBe(400);
    await expectAudit("deltaSharingQueryTable", { outcome: "failed", statusCode: 400, errorCode: "INVALID_PARAMETER_VALUE", principalName: "acme", securableFullName: "main.s.multi" });
  });
});

describe("query: delta format with history", () => {
  it("travels to a version: delta protocol and metaData, add actions at signed URLs, version on each file", async () => {
    const res = await acme.query(T("multi"), { version: 0 }, DELTA);
    expect(res.status, res.text).toBe(200);
    assertNdjsonShape(res.text);
    expect(res.headers.get("delta-sharing-capabilities")).toBe("responseformat=delta");
    expect(res.headers.get("delta-table-version")).toBe("0");
    expect(res.lines[0].protocol.deltaProtocol).toMatchObject({ minReaderVersion: 1 });
    expect(res.lines[1].metaData.deltaMetadata).toMatchObject({ id: expectedOf("dat-multi-partitioned").versions["0"]!.metadata.id, partitionColumns: expectedOf("dat-multi-partitioned").versions["0"]!.metadata.partitionColumns });
    const files = res.lines.slice(2).map((l) => l.file);
    expect(files).toHaveLength(expectedOf("dat-multi-partitioned").versions["0"]!.numFiles);
    for (const f of files) {
      expect(f).toMatchObject({ id: expect.stringMatching(/^[0-9a-f]{64}$/), version: 0, timestamp: expect.any(Number), expirationTimestamp: expect.any(Number) });
      expect(Object.keys(f.deltaSingleAction)).toEqual(["add"]);
      expect(f.deltaSingleAction.add.path).toMatch(/^http:\/\/localhost\/delta-sharing\/files\//);
    }
    expect(await reader.countRows(files.map((f) => f.deltaSingleAction.add.path))).toBe(expectedOf("dat-multi-partitioned").versions["0"]!.rowsInDataFiles);
  });

  it("travels to a timestamp in delta format", async () => {
    const mtimes = TRAVEL_MTIMES();
    const res = await acme.query(T("travel"), { timestamp: new Date(mtimes["1"]! + 1000).toISOString() }, DELTA);
    expect(res.status, res.text).toBe(200);
    expect(res.headers.get("delta-sharing-capabilities")).toBe("responseformat=delta");
    expect(res.headers.get("delta-table-version")).toBe("1");
    const files = res.lines.slice(2).map((l) => l.file);
    expect(files).toHaveLength(4);
    expect(files.every((f) => f.version === 1 && f.timestamp === mtimes["1"] && f.deltaSingleAction.add)).toBe(true);
    expect(await reader.countRows(files.map((f) => urlOf({ file: f })))).toBe(expectedOf("golden-time-travel-start-start20-start40").versions["1"]!.rowsInDataFiles);
  });

  it("streams from a startingVersion in delta format: each commit's adds with their version", async () => {
    const res = await acme.query(T("travel"), { startingVersion: 1 }, DELTA);
    expect(res.status, res.text).toBe(200);
    assertNdjsonShape(res.text);
    expect(res.headers.get("delta-sharing-capabilities")).toBe("responseformat=delta");
    expect(res.headers.get("delta-table-version")).toBe("1");
    expect(res.lines[1].metaData).toMatchObject({ version: 1, deltaMetadata: expect.any(Object) });
    const files = res.lines.filter((l) => l.file).map((l) => l.file);
    expect(files.map((f) => [Object.keys(f.deltaSingleAction)[0], f.version])).toEqual([["add", 1], ["add", 1], ["add", 2], ["add", 2]]);
    const mtimes = TRAVEL_MTIMES();
    expect(files.map((f) => f.timestamp)).toEqual([mtimes["1"], mtimes["1"], mtimes["2"], mtimes["2"]]);
    expect(await reader.countRows(files.map((f) => f.deltaSingleAction.add.path))).toBe(20);
  });

  it("refuses time travel to a version that does not exist, in delta format too", async () => {
    const res = await acme.query(T("travel"), { version: 7 }, DELTA);
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ errorCode: "INVALID_PARAMETER_VALUE", message: expect.any(String) });
  });
});

describe("column mapping (golden-table-with-columnmapping-mode-name)", () => {
  const expected = () => expectedOf("golden-table-with-columnmapping-mode-name");

  it("answers delta: reader version 2, the mapping in metaData, files holding the physical columns", async () => {
    const res = await acme.query(T("colmap"), {}, DELTA);
    expect(res.status, res.text).toBe(200);
    assertNdjsonShape(res.text);
    expect(res.headers.get("delta-sharing-capabilities")).toBe("responseformat=delta");
    expect(res.headers.get("delta-table-version")).toBe("0");
    expect(res.lines[0].protocol.deltaProtocol).toMatchObject({ minReaderVersion: 2 });
    const meta = res.lines[1].metaData.deltaMetadata;
    expect(meta.configuration).toMatchObject({ "delta.columnMapping.mode": "name" });
    const schema = JSON.parse(meta.schemaString);
    const byte = schema.fields.find((f: any) => f.name === "ByteType");
    expect(byte.metadata["delta.columnMapping.physicalName"]).toBe("col-363f6bf7-76d9-42ca-9a0b-ad043e4776db");
    const files = res.lines.slice(2).map((l) => l.file);
    expect(files).toHaveLength(expected().versions["0"]!.numFiles);
    const urls = files.map((f) => f.deltaSingleAction.add.path as string);
    expect(await reader.countRows(urls)).toBe(expected().versions["0"]!.logicalRows);
    // The files hold physical names: a client must apply the mapping, which is why parquet is refused.
    const [first] = await reader.rows(urls[0]!);
    expect(Object.keys(first!)).toContain("col-363f6bf7-76d9-42ca-9a0b-ad043e4776db");
    expect(Object.keys(first!)).not.toContain("ByteType");
    const metadata = await acme.get(`${T("colmap")}/metadata`, { "delta-sharing-capabilities": "responseformat=delta,parquet;readerfeatures=deletionvectors,columnmapping,timestampntz" });
    expect(metadata.headers.get("delta-sharing-capabilities")).toBe("responseformat=delta");
  });

  it("refuses parquet (the default) with UNSUPPORTED_OPERATION, naming responseformat=delta", async () => {
    for (const headers of [undefined, { "delta-sharing-capabilities": "responseformat=parquet" }]) {
      const res = await acme.query(T("colmap"), {}, headers);
      expect(res.status).toBe(400);
      expect(res.json).toEqual({ errorCode: "UNSUPPORTED_OPERATION", message: expect.stringContaining("responseformat=delta") });
    }
    const meta = await acme.get(`${T("colmap")}/metadata`);
    expect(meta.status).toBe(400);
    expect(meta.json.errorCode).toBe("UNSUPPORTED_OPERATION");
  });

  it("refuses a delta client whose readerfeatures lack columnmapping", async () => {
    const res = await acme.query(T("colmap"), {}, { "delta-sharing-capabilities": "responseformat=delta;readerfeatures=deletionvectors" });
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ errorCode: "UNSUPPORTED_OPERATION", message: expect.stringContaining("columnMapping") });
  });
});
