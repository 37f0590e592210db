import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../support/app";
import { uc } from "../../support/client";
import { externalTable } from "../../support/fixtures";
import { TEST_ROLE_ARN } from "../../support/locations";
import { lastAudit, runSql } from "../../credentials/vending";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  await t.admin.post(uc("/credentials"), { name: "cred", aws_iam_role: { role_arn: TEST_ROLE_ARN } });
  await t.admin.post(uc("/external-locations"), { name: "orders", url: "s3://lake/data/orders", credential_name: "cred" });
  await t.admin.post(uc("/catalogs"), { name: "main" });
  await t.admin.post(uc("/schemas"), { name: "s", catalog_name: "main" });
});
afterAll(() => t.close());

const create = (name: string, url: string, credential_name = "cred") => t.admin.post(uc("/external-locations"), { name, url, credential_name });

describe("external locations: invalid input", () => {
  it("refuses the same URL, a parent and a child of another location; a sibling sharing leading characters is fine", async () => {
    const cases: [string, string][] = [
      ["s3://lake/data/orders", "is the same as"],
      ["s3://lake/data/orders/", "is the same as"],
      ["s3://lake/data", "contains"],
      ["s3://lake", "contains"],
      ["s3://lake/data/orders/2024", "lies inside"],
      ["s3a://lake/data/orders/2024", "lies inside"],
    ];
    for (const [url, how] of cases) {
      const res = await create("clash", url);
      expect([res.status, res.body.error_code], url).toEqual([400, "INVALID_ARGUMENT"]);
      expect(res.body.message).toContain(`${how} the URL of external location 'orders'`);
      expect(res.body.details[0].metadata.field).toBe("url");
    }
    expect((await create("orders_backup", "s3://lake/data/orders_backup")).status).toBe(200);
  });

  it("refuses bad URLs: managed storage, '..', unknown schemes, no bucket", async () => {
    for (const url of ["s3://lake/__unitystorage", "s3://lake/x/__unitystorage/y", "s3://lake/a/../b", "ftp://lake/x", "s3:///x", "not a url", "file://host/x"]) {
      const res = await create("bad", url);
      expect([res.status, res.body.error_code], url).toEqual([400, "INVALID_ARGUMENT"]);
    }
  });

  it("refuses unknown credentials, duplicates and bad names", async () => {
    expect((await create("x", "s3://other/x", "missing")).body.error_code).toBe("NOT_FOUND");
    const dup = await create("ORDERS", "s3://other/y");
    expect([dup.status, dup.body.error_code]).toEqual([400, "EXTERNAL_LOCATION_ALREADY_EXISTS"]);
    expect((await create("a.b", "s3://other/z")).body.details[0].metadata.field).toBe("name");
    const body = await t.admin.post(uc("/external-locations"), { name: "x", url: "s3://other/x" });
    expect(body.body.details[0].metadata.field).toBe("credential_name");
  });

  it("keeps a location tables or volumes use, unless forced", async () => {
    await create("used", "s3://lake/used");
    expect((await t.admin.post(uc("/tables"), externalTable("main", "s", "t1", "s3://lake/used/t1"))).status).toBe(200);
    const res = await t.admin.delete(uc("/external-locations/used"));
    expect([res.status, res.body.error_code]).toEqual([400, "INVALID_ARGUMENT"]);
    expect(res.body.message).toBe("External location 'used' is still used by table 'main.s.t1'; delete them first or use force=true.");
    const moved = await t.admin.patch(uc("/external-locations/used"), { url: "s3://lake/elsewhere" });
    expect([moved.status, moved.body.error_code]).toEqual([400, "INVALID_ARGUMENT"]);
    expect(moved.body.message).toContain("still used by table 'main.s.t1'");
    expect((await t.admin.patch(uc("/external-locations/used"), { url: "s3://lake" })).body.message).toContain("contains the URL of external location");
    expect((await t.admin.patch(uc("/external-locations/used"), { url: "s3://lake/elsewhere", force: true })).status).toBe(200);
    expect((await t.admin.delete(uc("/external-locations/used?force=true"))).status).toBe(200);
    expect((await t.admin.get(uc("/tables/main.s.t1"))).status).toBe(200);
  });

  it("EXTERNAL tables and volumes outside every location are refused, for admins too; audited", async () => {
    const table = await t.admin.post(uc("/tables"), externalTable("main", "s", "stray", "s3://nowhere/stray"));
    expect([table.status, table.body.error_code]).toEqual([403, "PERMISSION_DENIED"]);
    expect(table.body.message).toContain("No external location covers s3://nowhere/stray");
    expect(await lastAudit(t, "createTable")).toMatchObject({ outcome: "denied", securableFullName: "main.s.stray" });
    const local = await t.admin.post(uc("/volumes"), { catalog_name: "main", schema_name: "s", name: "v", volume_type: "EXTERNAL", storage_location: "/tmp/lakeward-stray" });
    expect([local.status, local.body.error_code]).toEqual([403, "PERMISSION_DENIED"]);
    expect((await runSql(t.admin, "CREATE TABLE main.s.stray2 (id INT) LOCATION 's3://nowhere/stray2'")).body.status.error.error_code).toBe("PERMISSION_DENIED");
  });

  it("SQL: overlap and missing locations fail with the same errors", async () => {
    const clash = await runSql(t.admin, "CREATE EXTERNAL LOCATION inner_loc URL 's3://lake/data/orders/x' WITH (STORAGE CREDENTIAL cred)");
    expect(clash.body.status.error.message).toContain("lies inside");
    expect((await runSql(t.admin, "ALTER EXTERNAL LOCATION nope SET URL 's3://a/b'")).body.status.error.error_code).toBe("NOT_FOUND");
    expect((await runSql(t.admin, "DESCRIBE EXTERNAL LOCATION nope")).body.status.error.error_code).toBe("NOT_FOUND");
  });
});
