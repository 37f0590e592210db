import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uc } from "../../support/client";
import { externalTableAt, grant, grantOnTable, lastAudit, protectTable, startVendingWorld, type VendingWorld } from "../../credentials/vending";

let w: VendingWorld;
let ordersId: string;
beforeAll(async () => {
  w = await startVendingWorld();
  ordersId = await externalTableAt(w.t.admin, "main.sales.orders", "s3://lake/warehouse/orders");
});
afterAll(() => w.close());

const tableCreds = (client: { post: typeof w.t.admin.post }, operation: string, tableId = ordersId) => client.post(uc("/temporary-table-credentials"), { table_id: tableId, operation });

describe("temporary credentials: who gets nothing", () => {
  it("without USE SCHEMA the table is hidden: TABLE_NOT_FOUND, audited as a hidden denial, no STS call", async () => {
    const u = await w.t.user("noschema@example.com");
    await grant(w.t.admin, "catalog", "main", "noschema@example.com", ["USE CATALOG"]);
    await grant(w.t.admin, "table", "main.sales.orders", "noschema@example.com", ["SELECT"]);
    const calls = w.sts.calls.length;
    const res = await tableCreds(u, "READ");
    expect([res.status, res.body.error_code]).toEqual([404, "TABLE_NOT_FOUND"]);
    expect(w.sts.calls.length).toBe(calls);
    expect(await lastAudit(w.t, "generateTemporaryTableCredential", "noschema@example.com")).toMatchObject({ outcome: "denied", errorCode: "TABLE_NOT_FOUND", details: { hidden: true } });
  });

  it("SELECT only, asking READ_WRITE: PERMISSION_DENIED naming MODIFY, audited", async () => {
    const u = await w.t.user("reader@example.com");
    await grantOnTable(w.t.admin, "main.sales.orders", "reader@example.com", ["SELECT"]);
    const res = await tableCreds(u, "READ_WRITE");
    expect([res.status, res.body.error_code]).toEqual([403, "PERMISSION_DENIED"]);
    expect(res.body.message).toContain("MODIFY");
    expect(await lastAudit(w.t, "generateTemporaryTableCredential", "reader@example.com")).toMatchObject({ outcome: "denied", statusCode: 403, securableFullName: "main.sales.orders" });
    expect((await tableCreds(u, "READ")).status).toBe(200);
  });

  it("metastore admin alone does not read data", async () => {
    const owner = await w.t.user("owner@example.com");
    await grant(w.t.admin, "metastore", "metastore", "owner@example.com", ["CREATE CATALOG"]);
    await grant(w.t.admin, "external_location", "lake", "owner@example.com", ["CREATE EXTERNAL TABLE"]);
    const id = await externalTableAt(owner, "own.data.t", "s3://lake/warehouse/own/t");
    expect((await tableCreds(owner, "READ_WRITE", id)).status).toBe(200);
    const res = await tableCreds(w.t.admin, "READ", id);
    expect([res.status, res.body.error_code]).toEqual([403, "PERMISSION_DENIED"]);
  });

  it("a revoked privilege stops vending at once, cached credentials notwithstanding", async () => {
    const u = await w.t.user("revoked@example.com");
    await grantOnTable(w.t.admin, "main.sales.orders", "revoked@example.com", ["SELECT"]);
    expect((await tableCreds(u, "READ")).status).toBe(200);
    expect((await tableCreds(u, "READ")).status).toBe(200);
    await w.t.admin.patch(uc("/permissions/table/main.sales.orders"), { changes: [{ principal: "revoked@example.com", add: [], remove: ["SELECT"] }] });
    const res = await tableCreds(u, "READ");
    expect([res.status, res.body.error_code]).toEqual([404, "TABLE_NOT_FOUND"]);
  });
});

describe("temporary credentials: tables Lakeward must not hand out raw", () => {
  it("refuses a table with a row filter, and one with a column mask, saying why; audited", async () => {
    const u = await w.t.user("analyst@example.com");
    const filtered = await externalTableAt(w.t.admin, "main.sales.filtered", "s3://lake/warehouse/filtered");
    const masked = await externalTableAt(w.t.admin, "main.sales.masked", "s3://lake/warehouse/masked");
    await protectTable(w.t, filtered, "row_filter");
    await protectTable(w.t, masked, "mask");
    await grantOnTable(w.t.admin, "main.sales.filtered", "analyst@example.com", ["SELECT"]);
    await grantOnTable(w.t.admin, "main.sales.masked", "analyst@example.com", ["SELECT"]);
    const calls = w.sts.calls.length;
    const f = await tableCreds(u, "READ", filtered);
    expect([f.status, f.body.error_code]).toEqual([403, "PERMISSION_DENIED"]);
    expect(f.body.message).toBe("Table main.sales.filtered has a row filter; credentials for direct access are not issued. Query it through the SQL statement API or share a view.");
    const m = await tableCreds(u, "READ", masked);
    expect([m.status, m.body.error_code]).toEqual([403, "PERMISSION_DENIED"]);
    expect(m.body.message).toContain("Table main.sales.masked has a column mask on column region");
    expect(w.sts.calls.length).toBe(calls);
    expect(await lastAudit(w.t, "generateTemporaryTableCredential", "analyst@example.com")).toMatchObject({ outcome: "denied", securableFullName: "main.sales.masked" });
    // Not through the path API either, neither the table's own path nor a prefix holding it.
    await grant(w.t.admin, "external_location", "lake", "analyst@example.com", ["READ FILES"]);
    for (const url of ["s3://lake/warehouse/filtered", "s3://lake/warehouse/filtered/part-0", "s3://lake/warehouse"]) {
      const p = await u.post(uc("/temporary-path-credentials"), { url, operation: "PATH_READ" });
      expect([p.status, p.body.error_code], url).toEqual([403, "PERMISSION_DENIED"]);
    }
    expect(w.sts.calls.length).toBe(calls);
  });
});

describe("temporary path credentials: registered storage only", () => {
  it("a path outside every external location gets PERMISSION_DENIED, even for the metastore admin; audited", async () => {
    for (const url of ["s3://lake/other/data", "s3://lake/warehouse_backup/x", "s3://elsewhere/data", "file:///etc/secrets"]) {
      const res = await w.t.admin.post(uc("/temporary-path-credentials"), { url, operation: "PATH_READ" });
      expect([res.status, res.body.error_code], url).toEqual([403, "PERMISSION_DENIED"]);
      expect(res.body.message).toContain("No external location covers");
    }
    expect(await lastAudit(w.t, "generateTemporaryPathCredential", "admin")).toMatchObject({ outcome: "denied", requestParams: { url: "file:///etc/secrets", operation: "PATH_READ" } });
  });

  it("'..' cannot climb out of a location: refused and audited", async () => {
    const res = await w.t.admin.post(uc("/temporary-path-credentials"), { url: "s3://lake/warehouse/../other/data", operation: "PATH_READ" });
    expect([res.status, res.body.error_code]).toEqual([400, "INVALID_ARGUMENT"]);
    expect(await lastAudit(w.t, "generateTemporaryPathCredential", "admin")).toMatchObject({ outcome: "failed", errorCode: "INVALID_ARGUMENT", requestParams: { url: "s3://lake/warehouse/../other/data" } });
  });

  it("READ FILES on the location does not open a table's storage; the table's SELECT does", async () => {
    const u = await w.t.user("files@example.com");
    await grant(w.t.admin, "external_location", "lake", "files@example.com", ["READ FILES", "WRITE FILES"]);
    expect((await u.post(uc("/temporary-path-credentials"), { url: "s3://lake/warehouse/free", operation: "PATH_READ_WRITE" })).status).toBe(200);
    const res = await u.post(uc("/temporary-path-credentials"), { url: "s3://lake/warehouse/orders/_delta_log", operation: "PATH_READ" });
    expect([res.status, res.body.error_code]).toEqual([403, "PERMISSION_DENIED"]);
    expect(res.body.message).not.toContain("main.sales.orders");
    const noFiles = await w.t.user("nofiles@example.com");
    const denied = await noFiles.post(uc("/temporary-path-credentials"), { url: "s3://lake/warehouse/free", operation: "PATH_READ" });
    expect([denied.status, denied.body.message]).toEqual([403, "User does not have READ FILES on External location 'lake'."]);
  });

  it("overlapping external locations are refused at creation, so a path never has two owners; audited", async () => {
    for (const url of ["s3://lake/warehouse", "s3://lake/warehouse/sub", "s3://lake", "s3a://lake/warehouse/sub"]) {
      const res = await w.t.admin.post(uc("/external-locations"), { name: "shadow", url, credential_name: "lake_cred" });
      expect([res.status, res.body.error_code], url).toEqual([400, "INVALID_ARGUMENT"]);
    }
    expect(await lastAudit(w.t, "createExternalLocation", "admin")).toMatchObject({ outcome: "failed", errorCode: "INVALID_ARGUMENT" });
  });
});

describe("temporary volume credentials: who gets nothing", () => {
  let volumeId: string;
  const volumeCreds = (client: { post: typeof w.t.admin.post }, operation: string) => client.post(uc("/temporary-volume-credentials"), { volume_id: volumeId, operation });
  beforeAll(async () => {
    const vol = await w.t.admin.post(uc("/volumes"), { catalog_name: "main", schema_name: "sales", name: "vault", volume_type: "EXTERNAL", storage_location: "s3://lake/warehouse/vault" });
    if (vol.status !== 200) throw new Error(JSON.stringify(vol.body));
    volumeId = vol.body.volume_id;
  });

  // Unity Catalog OSS answers a missing (or hidden) volume with NOT_FOUND, not VOLUME_NOT_FOUND.
  it("READ_VOLUME without READ VOLUME: the volume is hidden, NOT_FOUND, audited as hidden, no STS call", async () => {
    const u = await w.t.user("novolume@example.com");
    await grant(w.t.admin, "catalog", "main", "novolume@example.com", ["USE CATALOG"]);
    await grant(w.t.admin, "schema", "main.sales", "novolume@example.com", ["USE SCHEMA"]);
    const calls = w.sts.calls.length;
    const res = await volumeCreds(u, "READ_VOLUME");
    expect([res.status, res.body.error_code]).toEqual([404, "NOT_FOUND"]);
    expect(w.sts.calls.length).toBe(calls);
    expect(await lastAudit(w.t, "generateTemporaryVolumeCredential", "novolume@example.com")).toMatchObject({ outcome: "denied", errorCode: "NOT_FOUND", details: { hidden: true } });
  });

  it("WRITE_VOLUME with only READ VOLUME: PERMISSION_DENIED naming WRITE VOLUME, audited; READ_VOLUME still works", async () => {
    const u = await w.t.user("volreader@example.com");
    await grant(w.t.admin, "catalog", "main", "volreader@example.com", ["USE CATALOG"]);
    await grant(w.t.admin, "schema", "main.sales", "volreader@example.com", ["USE SCHEMA"]);
    await grant(w.t.admin, "volume", "main.sales.vault", "volreader@example.com", ["READ VOLUME"]);
    const calls = w.sts.calls.length;
    const res = await volumeCreds(u, "WRITE_VOLUME");
    expect([res.status, res.body.error_code]).toEqual([403, "PERMISSION_DENIED"]);
    expect(res.body.message).toContain("WRITE VOLUME");
    expect(w.sts.calls.length).toBe(calls);
    expect(await lastAudit(w.t, "generateTemporaryVolumeCredential", "volreader@example.com")).toMatchObject({
      outcome: "denied", statusCode: 403, securableFullName: "main.sales.vault", requestParams: { operation: "WRITE_VOLUME" },
    });
    expect((await volumeCreds(u, "READ_VOLUME")).status).toBe(200);
  });

  it("without USE SCHEMA, READ VOLUME and WRITE VOLUME open nothing: NOT_FOUND, audited as hidden", async () => {
    const u = await w.t.user("volnoschema@example.com");
    await grant(w.t.admin, "catalog", "main", "volnoschema@example.com", ["USE CATALOG"]);
    await grant(w.t.admin, "volume", "main.sales.vault", "volnoschema@example.com", ["READ VOLUME", "WRITE VOLUME"]);
    const calls = w.sts.calls.length;
    for (const operation of ["READ_VOLUME", "WRITE_VOLUME"]) {
      const res = await volumeCreds(u, operation);
      expect([res.status, res.body.error_code], operation).toEqual([404, "NOT_FOUND"]);
    }
    expect(w.sts.calls.length).toBe(calls);
    expect(await lastAudit(w.t, "generateTemporaryVolumeCredential", "volnoschema@example.com")).toMatchObject({ outcome: "denied", errorCode: "NOT_FOUND", details: { hidden: true } });
  });
});
