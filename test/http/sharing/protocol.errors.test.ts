import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../support/app";
import type { SharingClient } from "../../support/sharing-client";
import { activatedRecipient, shareWith, sharingWorld, type SharingWorld } from "../../support/sharing-world";

let t: TestApp;
let world: SharingWorld;
let acme: SharingClient;
const H = "/shares/s/schemas/h/tables";
const N = "/shares/s/schemas/n/tables";

beforeAll(async () => {
  t = await startTestApp();
  world = await sharingWorld(t, ["basic", "multi", "dv", "cdf_simple"]);
  acme = (await activatedRecipient(t, "acme")).client;
  await shareWith(
    t,
    "s",
    [
      { name: "lake.delta.basic", shared_as: "h.basic", history_data_sharing_status: "ENABLED" },
      { name: "lake.delta.dv", shared_as: "h.dv", history_data_sharing_status: "ENABLED" },
      { name: "lake.delta.multi", shared_as: "n.multi" },
      { name: "lake.delta.cdf_simple", shared_as: "n.cdf" },
    ],
    ["acme"],
  );
});
afterAll(async () => {
  await t.close();
  await world.cleanup();
});

const expectError = (res: { status: number; json: any }, status: number, code: string) => {
  expect(res.status).toBe(status);
  expect(res.json).toEqual({ errorCode: code, message: expect.any(String) });
};

describe("query body", () => {
  it("answers MALFORMED_REQUEST for bad JSON and wrong field types", async () => {
    expectError(await acme.query(`${H}/basic`, "{oops"), 400, "MALFORMED_REQUEST");
    expectError(await acme.query(`${H}/basic`, "[]"), 400, "MALFORMED_REQUEST");
    expectError(await acme.query(`${H}/basic`, { version: "1" }), 400, "MALFORMED_REQUEST");
    expectError(await acme.query(`${H}/basic`, { jsonPredicateHints: { op: "and" } }), 400, "MALFORMED_REQUEST");
    expectError(await acme.query(`${H}/basic`, { includeRefreshToken: "yes" }), 400, "MALFORMED_REQUEST");
  });

  it("answers INVALID_PARAMETER_VALUE for contradictions and bad values", async () => {
    const cases: unknown[] = [
      { version: 0, timestamp: "2020-01-01T00:00:00Z" },
      { version: 0, startingVersion: 0 },
      { version: -1 },
      { endingVersion: 1 },
      { startingVersion: 1, endingVersion: 0 },
      { maxFiles: 0 },
      { includeRefreshToken: true, version: 0 },
      { refreshToken: "x", pageToken: "y" },
      { timestamp: "yesterday" },
      { version: 99 },
      { pageToken: "forged.token" },
      { refreshToken: "forged.token" },
    ];
    for (const body of cases) {
      const res = await acme.query(`${H}/basic`, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.json.errorCode, JSON.stringify(body)).toBe("INVALID_PARAMETER_VALUE");
    }
  });

  it("refuses a page token with different parameters than page 1", async () => {
    const first = await acme.query(`${H}/basic`, { maxFiles: 1 });
    const token = first.lines[first.lines.length - 1].endStreamAction.nextPageToken;
    expectError(await acme.query(`${H}/basic`, { maxFiles: 1, pageToken: token, limitHint: 5 }), 400, "INVALID_PARAMETER_VALUE");
    expect((await acme.query(`${H}/basic`, { maxFiles: 1, pageToken: token })).status).toBe(200);
  });
});

describe("history and features", () => {
  it("refuses time travel, streaming and changes on a table shared without history", async () => {
    expectError(await acme.query(`${N}/multi`, { version: 0 }), 400, "INVALID_PARAMETER_VALUE");
    expectError(await acme.query(`${N}/multi`, { timestamp: "2020-01-01T00:00:00Z" }), 400, "INVALID_PARAMETER_VALUE");
    expectError(await acme.query(`${N}/multi`, { startingVersion: 0 }), 400, "INVALID_PARAMETER_VALUE");
    expectError(await acme.get(`${N}/cdf/changes?startingVersion=0`), 400, "INVALID_PARAMETER_VALUE");
    expectError(await acme.get(`${N}/multi/metadata?version=0`), 400, "INVALID_PARAMETER_VALUE");
    expectError(await acme.get(`${N}/multi/version?startingTimestamp=2020-01-01T00:00:00Z`), 400, "INVALID_PARAMETER_VALUE");
    expect((await acme.query(`${N}/multi`, {})).status).toBe(200);
  });

  it("checks change feed parameters", async () => {
    expectError(await acme.get(`${H}/basic/changes?startingVersion=0`), 400, "INVALID_PARAMETER_VALUE"); // CDF is off on it
    expectError(await acme.get(`${H}/basic/changes`), 400, "INVALID_PARAMETER_VALUE");
    expectError(await acme.get(`${H}/basic/changes?startingVersion=0&startingTimestamp=2020-01-01T00:00:00Z`), 400, "INVALID_PARAMETER_VALUE");
    expectError(await acme.get(`${H}/basic/changes?startingVersion=abc`), 400, "INVALID_PARAMETER_VALUE");
    expectError(await acme.get(`${H}/basic/changes?startingVersion=5`), 400, "INVALID_PARAMETER_VALUE");
    expectError(await acme.get(`${H}/basic/changes?startingVersion=1&endingVersion=0`), 400, "INVALID_PARAMETER_VALUE");
  });

  it("refuses parquet to a client that cannot read a deletion-vector table, and unknown reader features", async () => {
    const res = await acme.query(`${H}/dv`, {});
    expectError(res, 400, "UNSUPPORTED_OPERATION");
    expect(res.json.message).toContain("responseformat=delta");
    expectError(await acme.query(`${H}/dv`, {}, { "delta-sharing-capabilities": "responseformat=delta;readerfeatures=columnmapping" }), 400, "UNSUPPORTED_OPERATION");
    expectError(await acme.get(`${H}/basic/metadata`, { "delta-sharing-capabilities": "responseformat=arrow" }), 400, "INVALID_PARAMETER_VALUE");
    expectError(await acme.get(`${H}/basic/metadata`, { fileidhash: "sha1" }), 400, "INVALID_PARAMETER_VALUE");
  });
});

describe("resources", () => {
  it("answers RESOURCE_DOES_NOT_EXIST for unknown shares, schemas, tables and endpoints", async () => {
    expectError(await acme.get("/shares/nope"), 404, "RESOURCE_DOES_NOT_EXIST");
    expectError(await acme.get("/shares/s/schemas/nope/tables"), 404, "RESOURCE_DOES_NOT_EXIST");
    expectError(await acme.get(`${H}/nope/metadata`), 404, "RESOURCE_DOES_NOT_EXIST");
    expectError(await acme.get("/shares/s/schemas/h/tables/basic/queries/q1"), 404, "RESOURCE_DOES_NOT_EXIST");
    const head = await acme.head(`${H}/nope`);
    expect(head.status).toBe(404);
    expect(head.text).toBe("");
  });

  it("bounds maxResults to 0..500", async () => {
    expectError(await acme.get("/shares?maxResults=501"), 400, "INVALID_PARAMETER_VALUE");
    expectError(await acme.get("/shares?maxResults=-1"), 400, "INVALID_PARAMETER_VALUE");
    expectError(await acme.get("/shares?maxResults=ten"), 400, "INVALID_PARAMETER_VALUE");
  });
});
