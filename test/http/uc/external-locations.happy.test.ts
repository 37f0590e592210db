import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../support/app";
import { uc } from "../../support/client";
import { externalTable } from "../../support/fixtures";
import { TEST_ROLE_ARN } from "../../support/locations";
import { lastAudit, runSql } from "../../credentials/vending";

let t: TestApp;
let credentialId: string;
beforeAll(async () => {
  t = await startTestApp();
  await t.user("bob@example.com");
  credentialId = (await t.admin.post(uc("/credentials"), { name: "cred", aws_iam_role: { role_arn: TEST_ROLE_ARN } })).body.id;
  await t.admin.post(uc("/credentials"), { name: "cred2", aws_iam_role: { role_arn: TEST_ROLE_ARN } });
  await t.admin.post(uc("/catalogs"), { name: "main" });
  await t.admin.post(uc("/schemas"), { name: "s", catalog_name: "main" });
});
afterAll(() => t.close());

describe("external locations: REST round trip", () => {
  it("creates one with a normalised URL and returns UC's ExternalLocationInfo", async () => {
    const res = await t.admin.post(uc("/external-locations"), { name: "Sales", url: "S3://lake/sales/", credential_name: "cred", comment: "sales data" });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      name: "sales",
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      url: "s3://lake/sales",
      credential_name: "cred",
      comment: "sales data",
      owner: "admin",
      credential_id: credentialId,
      created_at: expect.any(Number),
      created_by: "admin",
      updated_at: expect.any(Number),
      updated_by: "admin",
    });
    expect((await t.admin.get(uc("/external-locations/sales"))).body).toEqual(res.body);
    expect(await lastAudit(t, "createExternalLocation")).toMatchObject({ outcome: "success", securableType: "external_location", securableId: res.body.id, requestParams: { url: "s3://lake/sales" } });
  });

  it("allows siblings that share leading characters, and lists by name with paging", async () => {
    expect((await t.admin.post(uc("/external-locations"), { name: "sales_backup", url: "s3://lake/sales_backup", credential_name: "cred" })).status).toBe(200);
    expect((await t.admin.post(uc("/external-locations"), { name: "a_local", url: `file://${t.config.home}/ext`, credential_name: "cred" })).status).toBe(200);
    const page1 = await t.admin.get(uc("/external-locations?max_results=2"));
    expect(page1.body.external_locations.map((l: any) => l.name)).toEqual(["a_local", "sales"]);
    const page2 = await t.admin.get(uc(`/external-locations?page_token=${page1.body.next_page_token}`));
    expect(page2.body).toEqual({ external_locations: [expect.objectContaining({ name: "sales_backup" })] });
  });

  it("EXTERNAL tables and volumes under a location are allowed, file:// included", async () => {
    const table = await t.admin.post(uc("/tables"), externalTable("main", "s", "orders", "s3://lake/sales/orders"));
    expect(table.status).toBe(200);
    const vol = await t.admin.post(uc("/volumes"), { catalog_name: "main", schema_name: "s", name: "files", volume_type: "EXTERNAL", storage_location: `file://${t.config.home}/ext/files` });
    expect(vol.status).toBe(200);
  });

  it("PATCH changes URL, credential, comment, name and owner", async () => {
    await t.admin.post(uc("/external-locations"), { name: "moving", url: "s3://lake/old", credential_name: "cred" });
    const res = await t.admin.patch(uc("/external-locations/moving"), { url: "s3://lake/new/", credential_name: "cred2", comment: "c", new_name: "moved", owner: "bob@example.com" });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: "moved", url: "s3://lake/new", credential_name: "cred2", comment: "c", owner: "bob@example.com" });
    expect((await t.admin.get(uc("/external-locations/moving"))).status).toBe(404);
    expect(await lastAudit(t, "updateExternalLocation")).toMatchObject({ outcome: "success", requestParams: { url: "s3://lake/new", credential_name: "cred2" } });
  });

  it("renaming a location named like a catalog leaves the catalog's schemas alone", async () => {
    await t.admin.post(uc("/external-locations"), { name: "main", url: "s3://lake/main", credential_name: "cred" });
    expect((await t.admin.patch(uc("/external-locations/main"), { new_name: "main_loc" })).status).toBe(200);
    expect((await t.admin.get(uc("/schemas/main.s"))).status).toBe(200);
    expect((await t.admin.get(uc("/external-locations/main_loc"))).body.url).toBe("s3://lake/main");
  });

  it("DELETE answers 200 with an empty body", async () => {
    const res = await t.admin.delete(uc("/external-locations/moved"));
    expect([res.status, res.body]).toEqual([200, {}]);
    expect((await t.admin.get(uc("/external-locations/moved"))).body.error_code).toBe("NOT_FOUND");
  });
});

describe("external locations: SQL", () => {
  it("CREATE, SHOW, DESCRIBE, GRANT, ALTER (URL, credential, rename, owner) and DROP", async () => {
    const run = await runSql(
      t.admin,
      `CREATE EXTERNAL LOCATION IF NOT EXISTS landing URL 's3://lake/landing' WITH (STORAGE CREDENTIAL cred) COMMENT 'raw files';
       CREATE EXTERNAL LOCATION IF NOT EXISTS landing URL 's3://lake/landing' WITH (STORAGE CREDENTIAL cred);
       GRANT READ FILES, CREATE EXTERNAL TABLE ON EXTERNAL LOCATION landing TO \`bob@example.com\`;
       SHOW EXTERNAL LOCATIONS`,
    );
    expect(run.body.status).toEqual({ state: "SUCCEEDED" });
    expect(run.body.manifest.schema.columns.map((c: any) => c.name)).toEqual(["name", "url", "comment"]);
    expect(run.body.result.data_array).toContainEqual(["landing", "s3://lake/landing", "raw files"]);
    const grants = await runSql(t.admin, "SHOW GRANTS ON EXTERNAL LOCATION landing");
    expect(grants.body.result.data_array).toEqual([
      ["bob@example.com", "CREATE EXTERNAL TABLE", "EXTERNAL LOCATION", "landing"],
      ["bob@example.com", "READ FILES", "EXTERNAL LOCATION", "landing"],
    ]);
    await runSql(t.admin, "ALTER EXTERNAL LOCATION landing SET URL 's3://lake/landing2'; ALTER EXTERNAL LOCATION landing SET STORAGE CREDENTIAL cred2");
    const described = await runSql(t.admin, "DESCRIBE EXTERNAL LOCATION landing");
    expect(described.body.manifest.schema.columns.map((c: any) => c.name)).toEqual(["name", "url", "credential_name", "owner", "created_by", "created_at", "comment"]);
    expect(described.body.result.data_array).toEqual([["landing", "s3://lake/landing2", "cred2", "admin", "admin", expect.any(String), "raw files"]]);
    const altered = await runSql(t.admin, "ALTER EXTERNAL LOCATION landing RENAME TO landing_zone; ALTER EXTERNAL LOCATION landing_zone OWNER TO `bob@example.com`");
    expect(altered.body.status).toEqual({ state: "SUCCEEDED" });
    expect((await t.admin.get(uc("/external-locations/landing_zone"))).body.owner).toBe("bob@example.com");
    expect((await runSql(t.admin, "DROP EXTERNAL LOCATION landing_zone; DROP EXTERNAL LOCATION IF EXISTS landing_zone")).body.status).toEqual({ state: "SUCCEEDED" });
  });

  it("CREATE TABLE ... LOCATION under a location works through SQL too", async () => {
    const res = await runSql(t.admin, "CREATE TABLE main.s.events (id INT) USING DELTA LOCATION 's3://lake/sales/events'");
    expect(res.body.status).toEqual({ state: "SUCCEEDED" });
    expect((await t.admin.get(uc("/tables/main.s.events"))).body).toMatchObject({ table_type: "EXTERNAL", storage_location: "s3://lake/sales/events" });
  });
});
