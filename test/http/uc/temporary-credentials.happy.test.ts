import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uc } from "../../support/client";
import { sessionPolicy } from "../../../src/credentials/session-policy";
import { serverCredentialsFor } from "../../../src/credentials/server-credentials";
import { RENEW_BEFORE_MS } from "../../../src/credentials/cache";
import { TestClock, externalTableAt, grant, grantOnTable, lastAudit, startVendingWorld, type VendingWorld } from "../../credentials/vending";

const clock = new TestClock();
let w: VendingWorld;
let ordersId: string;
let alice: Awaited<ReturnType<VendingWorld["t"]["user"]>>;
beforeAll(async () => {
  w = await startVendingWorld({ clock });
  ordersId = await externalTableAt(w.t.admin, "main.sales.orders", "s3://lake/warehouse/sales/orders");
  alice = await w.t.user("alice@example.com");
  await grantOnTable(w.t.admin, "main.sales.orders", "alice@example.com", ["SELECT"]);
});
afterAll(() => w.close());

const tableCreds = (client: typeof alice, operation: string, tableId = ordersId) => client.post(uc("/temporary-table-credentials"), { table_id: tableId, operation });

describe("temporary table credentials", () => {
  it("READ: assumes the credential's role with its external id, a named session and a prefix-scoped policy", async () => {
    const res = await tableCreds(alice, "READ");
    expect(res.status).toBe(200);
    const call = w.sts.calls.at(-1)!;
    expect(call).toMatchObject({
      roleArn: w.roleArn,
      externalId: w.externalId,
      roleSessionName: "lakeward-alice@example.com",
      durationSeconds: 3600,
      signedBy: w.sts.credentials.accessKeyId,
    });
    expect(call.policyText).toBe(sessionPolicy("s3://lake/warehouse/sales/orders", "read"));
    expect(res.body).toEqual({
      aws_temp_credentials: { access_key_id: call.issued.accessKeyId, secret_access_key: call.issued.secretAccessKey, session_token: call.issued.sessionToken },
      expiration_time: Date.parse(call.issued.expiration),
      url: "s3://lake/warehouse/sales/orders",
    });
  });

  it("hands out the cached credentials until shortly before expiry, then renews", async () => {
    const first = await tableCreds(alice, "READ");
    const calls = w.sts.calls.length;
    expect((await tableCreds(alice, "READ")).body).toEqual(first.body);
    expect(w.sts.calls.length).toBe(calls);
    clock.advance(first.body.expiration_time - clock.now() - RENEW_BEFORE_MS + 1000);
    const renewed = await tableCreds(alice, "READ");
    expect(w.sts.calls.length).toBe(calls + 1);
    expect(renewed.body.aws_temp_credentials.access_key_id).not.toBe(first.body.aws_temp_credentials.access_key_id);
    expect(renewed.body.expiration_time).toBeGreaterThan(first.body.expiration_time);
  });

  it("READ_WRITE with SELECT and MODIFY gets the write policy; each principal gets its own session", async () => {
    await grantOnTable(w.t.admin, "main.sales.orders", "alice@example.com", ["MODIFY"]);
    const res = await tableCreds(alice, "READ_WRITE");
    expect(res.status).toBe(200);
    expect(w.sts.calls.at(-1)!.policyText).toBe(sessionPolicy("s3://lake/warehouse/sales/orders", "write"));
    const admin = await tableCreds(w.t.admin as typeof alice, "READ");
    expect(admin.status).toBe(200);
    expect(w.sts.calls.at(-1)!.roleSessionName).toBe("lakeward-admin");
  });

  it("audits every vend with principal, securable, operation, session name and expiry — never the secret", async () => {
    const res = await tableCreds(alice, "READ");
    const row = (await lastAudit(w.t, "generateTemporaryTableCredential", "alice@example.com"))!;
    expect(row).toMatchObject({ outcome: "success", securableType: "table", securableFullName: "main.sales.orders", securableId: ordersId, requestParams: { table_id: ordersId, operation: "READ" } });
    expect(row.details).toMatchObject({ role_session_name: "lakeward-alice@example.com", expiration_time: res.body.expiration_time, url: "s3://lake/warehouse/sales/orders", external_location: "lake", storage_credential: "lake_cred" });
    const text = JSON.stringify(row);
    expect(text).not.toContain(res.body.aws_temp_credentials.secret_access_key);
    expect(text).not.toContain(res.body.aws_temp_credentials.session_token);
  });
});

describe("temporary volume and path credentials", () => {
  it("READ_VOLUME and WRITE_VOLUME on an external volume", async () => {
    const vol = await w.t.admin.post(uc("/volumes"), { catalog_name: "main", schema_name: "sales", name: "landing", volume_type: "EXTERNAL", storage_location: "s3://lake/warehouse/landing" });
    const bob = await w.t.user("bob@example.com");
    await grant(w.t.admin, "catalog", "main", "bob@example.com", ["USE CATALOG"]);
    await grant(w.t.admin, "schema", "main.sales", "bob@example.com", ["USE SCHEMA"]);
    await grant(w.t.admin, "volume", "main.sales.landing", "bob@example.com", ["READ VOLUME"]);
    const read = await bob.post(uc("/temporary-volume-credentials"), { volume_id: vol.body.volume_id, operation: "READ_VOLUME" });
    expect(read.status).toBe(200);
    expect(read.body.url).toBe("s3://lake/warehouse/landing");
    expect(w.sts.calls.at(-1)!.policyText).toBe(sessionPolicy("s3://lake/warehouse/landing", "read"));
    await grant(w.t.admin, "volume", "main.sales.landing", "bob@example.com", ["WRITE VOLUME"]);
    const write = await bob.post(uc("/temporary-volume-credentials"), { volume_id: vol.body.volume_id, operation: "WRITE_VOLUME" });
    expect(write.status).toBe(200);
    expect(w.sts.calls.at(-1)!.policyText).toBe(sessionPolicy("s3://lake/warehouse/landing", "write"));
    expect((await lastAudit(w.t, "generateTemporaryVolumeCredential", "bob@example.com"))!.requestParams).toMatchObject({ operation: "WRITE_VOLUME" });
  });

  it("PATH_READ / PATH_READ_WRITE / PATH_CREATE_TABLE through the external location's privileges", async () => {
    const carol = await w.t.user("carol@example.com");
    const path = (url: string, operation: string) => carol.post(uc("/temporary-path-credentials"), { url, operation });
    await grant(w.t.admin, "external_location", "lake", "carol@example.com", ["READ FILES"]);
    const read = await path("s3://lake/warehouse/raw/2024/", "PATH_READ");
    expect([read.status, read.body.url]).toEqual([200, "s3://lake/warehouse/raw/2024"]);
    expect(w.sts.calls.at(-1)!.policyText).toBe(sessionPolicy("s3://lake/warehouse/raw/2024", "read"));
    await grant(w.t.admin, "external_location", "lake", "carol@example.com", ["WRITE FILES", "CREATE EXTERNAL TABLE"]);
    expect((await path("s3://lake/warehouse/raw/2024", "PATH_READ_WRITE")).status).toBe(200);
    expect(w.sts.calls.at(-1)!.policyText).toBe(sessionPolicy("s3://lake/warehouse/raw/2024", "write"));
    expect((await path("s3a://lake/warehouse/new_table", "PATH_CREATE_TABLE")).status).toBe(200);
    expect(w.sts.calls.at(-1)!.policyText).toBe(sessionPolicy("s3a://lake/warehouse/new_table", "write"));
    const row = (await lastAudit(w.t, "generateTemporaryPathCredential", "carol@example.com"))!;
    expect(row).toMatchObject({ outcome: "success", securableType: "external_location", securableFullName: "lake", requestParams: { operation: "PATH_CREATE_TABLE" } });
  });

  it("a path inside a table's storage is governed by the table (SELECT)", async () => {
    const res = await alice.post(uc("/temporary-path-credentials"), { url: "s3://lake/warehouse/sales/orders/_delta_log", operation: "PATH_READ" });
    expect(res.status).toBe(200);
    expect((await lastAudit(w.t, "generateTemporaryPathCredential", "alice@example.com"))!.securableFullName).toBe("main.sales.orders");
  });
});

describe("file:// storage and server-side credentials", () => {
  it("file:// tables get only url (as in Unity Catalog OSS), without an STS call", async () => {
    const dir = `file://${w.t.config.home}/ext`;
    await w.t.admin.post(uc("/external-locations"), { name: "local", url: dir, credential_name: "lake_cred" });
    const id = await externalTableAt(w.t.admin, "main.sales.local_t", `${dir}/local_t`);
    const calls = w.sts.calls.length;
    const res = await tableCreds(w.t.admin as typeof alice, "READ", id);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ url: `${dir}/local_t` });
    expect(w.sts.calls.length).toBe(calls);
  });

  it("serverCredentialsFor: READ credentials for a prefix, no privilege check, its own session name", async () => {
    const creds = await serverCredentialsFor(w.t.services, "s3://lake/warehouse/sales/orders", "READ", "sharing");
    const call = w.sts.calls.at(-1)!;
    expect(call.roleSessionName).toBe("lakeward-sharing");
    expect(call.policyText).toBe(sessionPolicy("s3://lake/warehouse/sales/orders", "read"));
    expect(creds).toEqual({ url: "s3://lake/warehouse/sales/orders", expirationTime: Date.parse(call.issued.expiration), aws: { accessKeyId: call.issued.accessKeyId, secretAccessKey: call.issued.secretAccessKey, sessionToken: call.issued.sessionToken } });
    expect(await serverCredentialsFor(w.t.services, "s3://elsewhere/x")).toBeUndefined();
  });
});
