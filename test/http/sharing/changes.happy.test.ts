import { desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { auditLog } from "../../../schema/index";
import { startTestApp, type TestApp } from "../../support/app";
import { uc } from "../../support/client";
import { expectedOf } from "../../support/delta-testdata";
import { assertNdjsonShape, type SharingClient } from "../../support/sharing-client";
import { SharingReader, urlOf } from "../../support/sharing-reader";
import { activatedRecipient, shareWith, sharingWorld, type SharingWorld } from "../../support/sharing-world";

let t: TestApp;
let world: SharingWorld;
let acme: SharingClient;
let p0: SharingClient;
let p1: SharingClient;
let nobody: SharingClient;
let reader: SharingReader;
const T = (name: string) => `/shares/cdc/schemas/s/tables/${name}`;
const dataLines = (lines: any[]) => lines.filter((l) => l.add || l.cdf || l.remove || l.file);
const DELTA_CDF = { "delta-sharing-capabilities": "responseformat=delta;readerfeatures=deletionvectors,columnmapping" };
/** drs-cdc-ict-table's in-commit timestamps: v2 2026-07-12T16:36:52.175Z, v3 2026-07-12T16:36:53.881Z. */
const ICT = { v2: "2026-07-12T16:36:52.175Z", betweenV2AndV3: "2026-07-12T16:36:53.000Z" };

beforeAll(async () => {
  t = await startTestApp();
  world = await sharingWorld(t, ["cdf", "cdf_simple", "ict"]);
  acme = (await activatedRecipient(t, "acme")).client;
  p0 = (await activatedRecipient(t, "p0", { properties_kvpairs: { properties: { part: "0" } } })).client;
  p1 = (await activatedRecipient(t, "p1", { properties_kvpairs: { properties: { part: "1" } } })).client;
  nobody = (await activatedRecipient(t, "nobody")).client;
  const hist = (name: string) => ({ name: `lake.delta.${name}`, shared_as: `s.${name}`, history_data_sharing_status: "ENABLED" });
  await shareWith(t, "cdc", ["cdf", "cdf_simple", "ict"].map(hist), ["acme"]);
  // One share, each recipient only its own partition (issue 8 §6).
  const own = { ...hist("cdf"), partitions: [{ values: [{ name: "part", op: "EQUAL", recipient_property_key: "part" }] }] };
  await shareWith(t, "mine", [own], ["p0", "p1", "nobody"]);
  reader = await SharingReader.open(t.app);
});
afterAll(async () => {
  await reader.close();
  await t.close();
  await world.cleanup();
});

async function changeRows(client: SharingClient, path: string): Promise<number> {
  const res = await client.get(path);
  expect(res.status, res.text).toBe(200);
  return reader.countRows(dataLines(res.lines).map(urlOf));
}

describe("changes (CDF)", () => {
  for (const c of expectedOf("kernel-cdf-table-simple").cdf) {
    it(`kernel-cdf-table-simple v${c.startVersion}..v${c.endVersion}: ${c.rowCount} change rows`, async () => {
      expect(await changeRows(acme, `${T("cdf_simple")}/changes?startingVersion=${c.startVersion}&endingVersion=${c.endVersion}`)).toBe(c.rowCount);
    });
  }

  it("answers the wire shape: start version header, metaData with version, version and timestamp on every line", async () => {
    const res = await acme.get(`${T("cdf")}/changes?startingVersion=0&endingVersion=2`);
    assertNdjsonShape(res.text);
    expect(res.headers.get("delta-table-version")).toBe("0");
    expect(res.lines[0]).toEqual({ protocol: { minReaderVersion: 1 } });
    expect(res.lines[1].metaData).toMatchObject({ version: 2, partitionColumns: ["part"], configuration: { enableChangeDataFeed: "true" } });
    const kinds = dataLines(res.lines).map((l) => [Object.keys(l)[0], Object.values<any>(l)[0].version]);
    // v0 adds, v1 only its cdc file (a commit with cdc files answers with those), v2 removes.
    expect(kinds).toEqual([["add", 0], ["add", 0], ["add", 0], ["add", 0], ["cdf", 1], ["remove", 2], ["remove", 2]]);
    for (const l of dataLines(res.lines)) expect(Object.values<any>(l)[0]).toMatchObject({ timestamp: expect.any(Number), id: expect.any(String), partitionValues: { part: expect.any(String) } });
    expect(await reader.countRows(dataLines(res.lines).map(urlOf))).toBe(12);
  });

  it("takes a startingTimestamp (first version at or after it, by in-commit timestamps) and clamps an ending version past the latest", async () => {
    const c = expectedOf("drs-cdc-ict-table").cdf[0]!;
    const res = await acme.get(`${T("ict")}/changes?startingTimestamp=${c.startingTimestamp}&endingVersion=99`);
    expect(res.status, res.text).toBe(200);
    expect(res.headers.get("delta-table-version")).toBe("2");
    expect(await reader.countRows(dataLines(res.lines).map(urlOf))).toBe(c.rowCount);
  });

  it("adds historical metaData lines with includeHistoricalMetadata (Python sends 'True')", async () => {
    const res = await acme.get(`${T("cdf")}/changes?startingVersion=0&includeHistoricalMetadata=True`);
    expect(res.lines[1].metaData.version).toBe(0);
    expect(res.lines.slice(2).filter((l) => l.metaData).map((l) => l.metaData.version)).toEqual([0]);
  });

  it("answers delta format with cdc/add/remove actions pointing at signed URLs", async () => {
    const res = await acme.get(`${T("cdf")}/changes?startingVersion=1&endingVersion=2`, { "delta-sharing-capabilities": "responseformat=delta;readerfeatures=deletionvectors,columnmapping" });
    expect(res.headers.get("delta-sharing-capabilities")).toBe("responseformat=delta");
    expect(res.lines[1].metaData).toMatchObject({ version: 2, deltaMetadata: { partitionColumns: ["part"] } });
    const files = res.lines.slice(2).map((l) => l.file);
    expect(files.map((f) => Object.keys(f.deltaSingleAction)[0])).toEqual(["cdc", "remove", "remove"]);
    for (const f of files) expect(f).toMatchObject({ version: expect.any(Number), timestamp: expect.any(Number), expirationTimestamp: expect.any(Number) });
    expect(await reader.countRows(files.map((f) => Object.values<any>(f.deltaSingleAction)[0].path))).toBe(6);
  });
});

describe("per-recipient partitions (CURRENT_RECIPIENT)", () => {
  const M = "/shares/mine/schemas/s/tables/cdf";
  it("gives each recipient only its partition, in snapshots and in the change feed", async () => {
    const latest0 = await p0.query(M, {});
    const latest1 = await p1.query(M, {});
    expect(dataLines(latest0.lines)).toHaveLength(0);
    expect(dataLines(latest1.lines).every((l) => l.file.partitionValues.part === "1")).toBe(true);
    expect(dataLines(latest1.lines).length).toBeGreaterThan(0);
    const v0 = await p0.query(M, { version: 0 });
    expect(dataLines(v0.lines).map((l) => l.file.partitionValues.part)).toEqual(["0", "0"]);
    expect(await changeRows(p0, `${M}/changes?startingVersion=0`)).toBe(6);
    expect(await changeRows(p1, `${M}/changes?startingVersion=0`)).toBe(6);
    const changes1 = await p1.get(`${M}/changes?startingVersion=0`);
    expect(dataLines(changes1.lines).every((l) => Object.values<any>(l)[0].partitionValues.part === "1")).toBe(true);
  });

  it("gives a recipient without the property nothing, and follows property changes on the next request", async () => {
    expect(dataLines((await nobody.query(M, { version: 0 })).lines)).toHaveLength(0);
    expect(dataLines((await nobody.get(`${M}/changes?startingVersion=0`)).lines)).toHaveLength(0);
    await t.admin.patch(uc("/recipients/nobody"), { properties_kvpairs: { properties: { part: "0" } } });
    expect(dataLines((await nobody.query(M, { version: 0 })).lines)).toHaveLength(2);
  });

  it("refuses a file URL of another partition even when its path is guessed", async () => {
    const mine = dataLines((await p1.query(M, { version: 0 })).lines)[0].file.url as string;
    const other = dataLines((await acme.query("/shares/cdc/schemas/s/tables/cdf", { version: 0 })).lines).find((l) => l.file.partitionValues.part === "0").file.url as string;
    const forged = mine.split("/f/")[0] + "/f/" + other.split("/f/")[1];
    const res = await t.app.request(forged.replace(/^http:\/\/[^/]+/, ""));
    expect(res.status).toBe(404);
  });
});

describe("changes: timestamps, historical metadata and delta format", () => {
  const ict = (query: string, headers?: Record<string, string>) => acme.get(`${T("ict")}/changes?${query}`, headers);

  it("bounds the feed by startingTimestamp and endingTimestamp (with Z or +00:00), in parquet and delta", async () => {
    for (const ending of [ICT.betweenV2AndV3, ICT.betweenV2AndV3.replace("Z", "+00:00")]) {
      const query = `startingTimestamp=${encodeURIComponent(ICT.v2)}&endingTimestamp=${encodeURIComponent(ending)}`;
      const parquet = await ict(query);
      expect(parquet.status, parquet.text).toBe(200);
      expect(parquet.headers.get("delta-sharing-capabilities")).toBe("responseformat=parquet");
      expect(parquet.headers.get("delta-table-version")).toBe("2");
      expect(dataLines(parquet.lines).map((l) => Object.values<any>(l)[0].version)).toEqual(dataLines(parquet.lines).map(() => 2));
      expect(dataLines(parquet.lines).every((l) => Object.values<any>(l)[0].timestamp === Date.parse(ICT.v2))).toBe(true);
      expect(await reader.countRows(dataLines(parquet.lines).map(urlOf))).toBe(2);

      const delta = await ict(query, DELTA_CDF);
      expect(delta.status, delta.text).toBe(200);
      assertNdjsonShape(delta.text);
      expect(delta.headers.get("delta-sharing-capabilities")).toBe("responseformat=delta");
      expect(delta.headers.get("delta-table-version")).toBe("2");
      expect(delta.lines[1].metaData).toMatchObject({ version: expect.any(Number), deltaMetadata: expect.any(Object) });
      const files = delta.lines.slice(2).map((l) => l.file);
      expect(files.length).toBe(dataLines(parquet.lines).length);
      for (const f of files) expect(f).toMatchObject({ version: 2, timestamp: Date.parse(ICT.v2), expirationTimestamp: expect.any(Number) });
      expect(await reader.countRows(files.map((f) => urlOf({ file: f })))).toBe(2);
    }
  });

  it("takes startingTimestamp alone in delta format and runs to the latest version", async () => {
    const c = expectedOf("drs-cdc-ict-table").cdf[0]!;
    const res = await ict(`startingTimestamp=${c.startingTimestamp}`, DELTA_CDF);
    expect(res.status, res.text).toBe(200);
    expect(res.headers.get("delta-sharing-capabilities")).toBe("responseformat=delta");
    expect(res.headers.get("delta-table-version")).toBe("2");
    const files = res.lines.slice(2).map((l) => l.file);
    expect([...new Set(files.map((f) => f.version))]).toEqual([2, 3]);
    expect(await reader.countRows(files.map((f) => urlOf({ file: f })))).toBe(c.rowCount);
  });

  it("refuses an endingTimestamp before the startingTimestamp and a malformed one", async () => {
    const before = await ict(`startingTimestamp=${encodeURIComponent(ICT.betweenV2AndV3)}&endingTimestamp=${encodeURIComponent(ICT.v2)}`, DELTA_CDF);
    expect(before.status).toBe(400);
    expect(before.json).toEqual({ errorCode: "INVALID_PARAMETER_VALUE", message: expect.any(String) });
    const bad = await ict(`startingVersion=2&endingTimestamp=yesterday`);
    expect(bad.status).toBe(400);
    expect(bad.json).toEqual({ errorCode: "INVALID_PARAMETER_VALUE", message: expect.stringContaining("endingTimestamp") });
  });

  it("adds historical metaData in delta format with includeHistoricalMetadata", async () => {
    const res = await acme.get(`${T("cdf")}/changes?startingVersion=0&includeHistoricalMetadata=true`, DELTA_CDF);
    expect(res.status, res.text).toBe(200);
    assertNdjsonShape(res.text);
    expect(res.headers.get("delta-sharing-capabilities")).toBe("responseformat=delta");
    expect(res.lines[1].metaData).toMatchObject({ version: 0, deltaMetadata: { partitionColumns: ["part"] } });
    const later = res.lines.slice(2).filter((l) => l.metaData).map((l) => l.metaData);
    expect(later.map((m) => m.version)).toEqual([0]);
    expect(later.every((m) => m.deltaMetadata)).toBe(true);
    const without = await acme.get(`${T("cdf")}/changes?startingVersion=0`, DELTA_CDF);
    expect(without.lines.slice(2).filter((l) => l.metaData)).toHaveLength(0);
    expect(without.lines[1].metaData.version).toBe(2);
  });
});

describe("audit of change feed calls", () => {
  const lastAudit = async () => {
    const [row] = await t.services.db.select().from(auditLog).where(eq(auditLog.actionName, "deltaSharingQueryTableChanges")).orderBy(desc(auditLog.seq)).limit(1);
    return row;
  };

  it("audits a change query with the recipient, the table, the start version and the file count", async () => {
    const res = await acme.get(`${T("cdf")}/changes?startingVersion=0&endingVersion=2`);
    expect(res.status).toBe(200);
    const files = dataLines(res.lines).length;
    expect(files).toBe(7);
    // The row is written when the stream ends, which may settle just after the body.
    await vi.waitFor(async () =>
      expect(await lastAudit()).toMatchObject({
        serviceName: "deltaSharing", outcome: "success", statusCode: 200, principalName: "acme",
        securableType: "table", securableFullName: "cdc.s.cdf",
        details: expect.objectContaining({ recipient: "acme", share: "cdc", version: 0, format: "parquet", files }),
      }),
    );
  });

  it("counts only the recipient's partition, and audits a refused change query", async () => {
    const mine = await p0.get("/shares/mine/schemas/s/tables/cdf/changes?startingVersion=0");
    await vi.waitFor(async () => expect(await lastAudit()).toMatchObject({ principalName: "p0", securableFullName: "mine.s.cdf", details: expect.objectContaining({ files: dataLines(mine.lines).length }) }));
    const refused = await acme.get(`${T("cdf")}/changes?startingVersion=9`);
    expect(refused.status).toBe(400);
    await vi.waitFor(async () => expect(await lastAudit()).toMatchObject({ outcome: "failed", statusCode: 400, errorCode: "INVALID_PARAMETER_VALUE", principalName: "acme", securableFullName: "cdc.s.cdf" }));
  });
});
