/**
 * The service's own s3:// store (issues 5 §1 and 7): registering an EXTERNAL Delta table in S3
 * without columns, and creating a MANAGED table under an S3 storage root, reach the bucket with
 * the storage credential of the covering external location, assumed through STS — never with
 * a process-wide key. Real HTTP all the way: the STS and S3 protocol servers in test/support
 * check every signature, and S3 accepts only the keys STS issued (plus the uploader's own).
 */
import { readdir, readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { S3ObjectStore } from "../../../src/storage/s3";
import { startTestApp, type TestApp } from "../../support/app";
import { uc } from "../../support/client";
import { HAVE_TESTDATA, TESTDATA_DIR } from "../../support/delta-testdata";
import { startS3TestServer, type S3TestServer } from "../../support/s3-server";
import { startStsTestServer, type StsTestServer } from "../../support/sts-server";

const ROLE_ARN = "arn:aws:iam::123456789012:role/lakeward-lake";
const TABLE = "kernel-cdf-table-partitioned";

let s3: S3TestServer;
let sts: StsTestServer;
let t: TestApp;
let uploader: S3ObjectStore;

/** Copies a local Delta table into the fake bucket with the server's own (uploader) key. */
async function upload(dir: string, prefix: string): Promise<void> {
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    await uploader.put(`${prefix}/${relative(dir, path)}`, new Uint8Array(await readFile(path)));
  }
}

const externalDelta = (name: string, storage_location: string) => ({
  name, catalog_name: "lake", schema_name: "s3", table_type: "EXTERNAL", data_source_format: "DELTA", storage_location,
});

/** Requests S3 authenticated since `from`, by key; the uploader's key must not be among them. */
const signersSince = (from: number) => s3.signers.slice(from);

describe.skipIf(!HAVE_TESTDATA)("tables in S3, through storage credentials", () => {
  beforeAll(async () => {
    s3 = await startS3TestServer({ buckets: ["lake", "other"] });
    sts = await startStsTestServer({ onIssue: (key) => s3.trust(key) });
    t = await startTestApp({
      env: {
        LAKEWARD_STORAGE_ROOT: "s3://lake/root",
        LAKEWARD_STS_ENDPOINT: sts.endpoint,
        LAKEWARD_AWS_REGION: sts.region,
        LAKEWARD_AWS_ACCESS_KEY_ID: sts.credentials.accessKeyId,
        LAKEWARD_AWS_SECRET_ACCESS_KEY: sts.credentials.secretAccessKey,
        LAKEWARD_S3_ENDPOINT: s3.endpoint,
        LAKEWARD_S3_FORCE_PATH_STYLE: "true",
      },
    });
    uploader = new S3ObjectStore({ region: s3.region, endpoint: s3.endpoint, forcePathStyle: true, credentials: s3.credentials });
    const dir = join(TESTDATA_DIR, TABLE, "delta");
    await upload(dir, "s3://lake/warehouse/cdf");
    await upload(dir, "s3://other/cdf");
    const cred = await t.admin.post(uc("/credentials"), { name: "lake_cred", aws_iam_role: { role_arn: ROLE_ARN } });
    sts.addRole(ROLE_ARN, { externalId: cred.body.aws_iam_role.external_id });
    // At the bucket root, so it also covers the managed storage root s3://lake/root.
    const loc = await t.admin.post(uc("/external-locations"), { name: "lake", url: "s3://lake", credential_name: "lake_cred" });
    expect(loc.status, JSON.stringify(loc.body)).toBe(200);
    await t.admin.post(uc("/catalogs"), { name: "lake" });
    await t.admin.post(uc("/schemas"), { name: "s3", catalog_name: "lake" });
  });
  afterAll(async () => {
    await t?.close();
    await sts?.close();
    await s3?.close();
  });

  it("registers an EXTERNAL table without columns: columns and partition_index come from the log in S3", async () => {
    const from = s3.signers.length;
    const res = await t.admin.post(uc("/tables"), externalDelta("cdf", "s3://lake/warehouse/cdf"));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.columns.map((c: any) => [c.name, c.type_text, c.position, c.partition_index ?? null])).toEqual([
      ["id", "bigint", 0, null],
      ["text", "string", 1, null],
      ["part", "bigint", 2, 0],
    ]);
    expect(res.body.properties).toMatchObject({ "delta.enableChangeDataFeed": "true", "delta.minReaderVersion": "1", "delta.minWriterVersion": "7" });
    // One AssumeRole of the location's role, READ-only, scoped to the top-level folder under
    // the bucket-root location (never the whole bucket), named for Lakeward's own use.
    const call = sts.calls.find((c) => c.roleSessionName === "lakeward-storage");
    expect(call).toMatchObject({ roleArn: ROLE_ARN, signedBy: sts.credentials.accessKeyId });
    const text = JSON.stringify(call!.policy);
    expect(text).toContain("arn:aws:s3:::lake/warehouse/*");
    expect(text).not.toContain("s3:PutO");
    // Every S3 request the service made was signed with keys STS issued.
    const issued = new Set(sts.calls.map((c) => c.issued.accessKeyId));
    expect(signersSince(from).length).toBeGreaterThan(0);
    expect(signersSince(from).every((k) => issued.has(k))).toBe(true);
  });

  it("creates a MANAGED table under an S3 storage root, writing its log with READ_WRITE keys", async () => {
    const from = s3.signers.length;
    const res = await t.admin.post(uc("/tables"), {
      name: "m", catalog_name: "lake", schema_name: "s3", table_type: "MANAGED", data_source_format: "DELTA",
      columns: [{ name: "id", type_name: "LONG", type_text: "bigint", position: 0, nullable: true }],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.storage_location).toMatch(/^s3:\/\/lake\/root\/__unitystorage\//);
    const byService = signersSince(from);
    const commit = await uploader.get(`${res.body.storage_location}/_delta_log/00000000000000000000.json`);
    expect(new TextDecoder().decode(commit)).toContain('"protocol"');
    const write = sts.calls.find((c) => c.roleSessionName === "lakeward-storage" && JSON.stringify(c.policy).includes("s3:PutO"));
    expect(JSON.stringify(write!.policy)).toContain("arn:aws:s3:::lake/root/*");
    const issued = new Set(sts.calls.map((c) => c.issued.accessKeyId));
    expect(byService.length).toBeGreaterThan(0);
    expect(byService.every((k) => issued.has(k))).toBe(true);
  });

  it("refuses the same table where no external location covers it, without touching the bucket", async () => {
    const from = s3.signers.length;
    const calls = sts.calls.length;
    const res = await t.admin.post(uc("/tables"), externalDelta("stray", "s3://other/cdf"));
    expect([res.status, res.body.error_code]).toEqual([403, "PERMISSION_DENIED"]);
    expect(res.body.message).toContain("No external location covers s3://other/cdf");
    expect(signersSince(from)).toEqual([]);
    expect(sts.calls.length).toBe(calls);
    expect((await t.admin.get(uc("/tables/lake.s3.stray"))).status).toBe(404);
  });

  it("a location whose role STS will not assume fails registration clearly, naming the cause", async () => {
    await upload(join(TESTDATA_DIR, TABLE, "delta"), "s3://other/denied/cdf");
    await t.admin.post(uc("/credentials"), { name: "untrusted", aws_iam_role: { role_arn: "arn:aws:iam::123456789012:role/not-registered" } });
    expect((await t.admin.post(uc("/external-locations"), { name: "other", url: "s3://other/denied", credential_name: "untrusted" })).status).toBe(200);
    const from = s3.signers.length;
    const res = await t.admin.post(uc("/tables"), externalDelta("denied", "s3://other/denied/cdf"));
    expect([res.status, res.body.error_code]).toEqual([400, "FAILED_PRECONDITION"]);
    expect(res.body.message).toContain("AWS STS refused to assume the role of storage credential 'untrusted'");
    expect(signersSince(from)).toEqual([]);
  });
});
