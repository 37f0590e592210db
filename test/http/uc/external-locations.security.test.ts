import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../support/app";
import { uc } from "../../support/client";
import { externalTable } from "../../support/fixtures";
import { grantDirect } from "../../support/grants";
import { TEST_ROLE_ARN } from "../../support/locations";
import { lastAudit } from "../../credentials/vending";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  await t.admin.post(uc("/credentials"), { name: "cred", aws_iam_role: { role_arn: TEST_ROLE_ARN } });
  await t.admin.post(uc("/external-locations"), { name: "lake", url: "s3://lake/data", credential_name: "cred" });
  await t.admin.post(uc("/catalogs"), { name: "main" });
  await t.admin.post(uc("/schemas"), { name: "s", catalog_name: "main" });
});
afterAll(() => t.close());

describe("external locations: who may create, see and change them", () => {
  it("creating needs CREATE EXTERNAL LOCATION on the metastore and on the credential (or owning it)", async () => {
    const ann = await t.user("ann@example.com");
    const body = { name: "anns", url: "s3://ann/data", credential_name: "cred" };
    expect((await ann.post(uc("/external-locations"), body)).status).toBe(403);
    await grantDirect(t.services, "metastore", "metastore", ann.principalId, "CREATE EXTERNAL LOCATION");
    const noCred = await ann.post(uc("/external-locations"), body);
    expect([noCred.status, noCred.body.error_code]).toEqual([404, "NOT_FOUND"]);
    expect(await lastAudit(t, "createExternalLocation", "ann@example.com")).toMatchObject({ outcome: "denied", details: { hidden: true } });
    await grantDirect(t.services, "credential", "cred", ann.principalId, "READ FILES");
    const seen = await ann.post(uc("/external-locations"), body);
    expect([seen.status, seen.body.error_code]).toEqual([403, "PERMISSION_DENIED"]);
    expect(seen.body.message).toContain("CREATE EXTERNAL LOCATION");
    await grantDirect(t.services, "credential", "cred", ann.principalId, "CREATE EXTERNAL LOCATION");
    const created = await ann.post(uc("/external-locations"), body);
    expect([created.status, created.body.owner]).toEqual([200, "ann@example.com"]);
  });

  it("hides locations from those without a privilege on them; READ FILES or BROWSE reveals one", async () => {
    const bea = await t.user("bea@example.com");
    expect((await bea.get(uc("/external-locations/lake"))).body.error_code).toBe("NOT_FOUND");
    expect((await bea.get(uc("/external-locations"))).body.external_locations).toEqual([]);
    await grantDirect(t.services, "external_location", "lake", bea.principalId, "BROWSE");
    expect((await bea.get(uc("/external-locations/lake"))).status).toBe(200);
    expect((await bea.get(uc("/external-locations"))).body.external_locations.map((l: any) => l.name)).toEqual(["lake"]);
  });

  it("only the owner, a MANAGE holder or a metastore admin may alter or drop it", async () => {
    const cy = await t.user("cy@example.com");
    await grantDirect(t.services, "external_location", "lake", cy.principalId, "READ FILES");
    for (const res of [
      await cy.patch(uc("/external-locations/lake"), { comment: "x" }),
      await cy.patch(uc("/external-locations/lake"), { url: "s3://lake/elsewhere" }),
      await cy.delete(uc("/external-locations/lake")),
    ]) {
      expect([res.status, res.body.error_code]).toEqual([403, "PERMISSION_DENIED"]);
    }
    expect(await lastAudit(t, "deleteExternalLocation", "cy@example.com")).toMatchObject({ outcome: "denied" });
  });

  it("pointing a location at another credential needs the right to use that credential", async () => {
    const dee = await t.user("dee@example.com");
    await grantDirect(t.services, "metastore", "metastore", dee.principalId, "CREATE STORAGE CREDENTIAL");
    await grantDirect(t.services, "metastore", "metastore", dee.principalId, "CREATE EXTERNAL LOCATION");
    await dee.post(uc("/credentials"), { name: "dees", aws_iam_role: { role_arn: TEST_ROLE_ARN } });
    expect((await dee.post(uc("/external-locations"), { name: "dee_loc", url: "s3://dee/x", credential_name: "dees" })).status).toBe(200);
    const res = await dee.patch(uc("/external-locations/dee_loc"), { credential_name: "cred" });
    expect(res.body.error_code).toBe("NOT_FOUND");
    expect((await t.admin.get(uc("/external-locations/dee_loc"))).body.credential_name).toBe("dees");
  });
});

describe("EXTERNAL tables and volumes need rights on the covering location", () => {
  it("CREATE TABLE on the schema is not enough: CREATE EXTERNAL TABLE on the location is needed too", async () => {
    const eve = await t.user("eve@example.com");
    for (const [type, name, p] of [["catalog", "main", "USE CATALOG"], ["schema", "main.s", "USE SCHEMA"], ["schema", "main.s", "CREATE TABLE"], ["schema", "main.s", "CREATE VOLUME"]] as const) {
      await grantDirect(t.services, type, name, eve.principalId, p);
    }
    const denied = await eve.post(uc("/tables"), externalTable("main", "s", "eve_t", "s3://lake/data/eve_t"));
    expect([denied.status, denied.body.message]).toEqual([403, "User does not have CREATE EXTERNAL TABLE on External location 'lake', which covers s3://lake/data/eve_t."]);
    expect(await lastAudit(t, "createTable", "eve@example.com")).toMatchObject({ outcome: "denied" });
    await grantDirect(t.services, "external_location", "lake", eve.principalId, "CREATE EXTERNAL TABLE");
    expect((await eve.post(uc("/tables"), externalTable("main", "s", "eve_t", "s3://lake/data/eve_t"))).status).toBe(200);
    const volume = { catalog_name: "main", schema_name: "s", name: "eve_v", volume_type: "EXTERNAL", storage_location: "s3://lake/data/eve_v" };
    expect((await eve.post(uc("/volumes"), volume)).body.message).toContain("CREATE EXTERNAL VOLUME");
    await grantDirect(t.services, "external_location", "lake", eve.principalId, "CREATE EXTERNAL VOLUME");
    expect((await eve.post(uc("/volumes"), volume)).status).toBe(200);
    expect((await eve.post(uc("/tables"), externalTable("main", "s", "eve_escape", "s3://lake/data/../secrets"))).status).toBe(400);
  });

  it("being metastore admin is not enough either: the location's owner decides", async () => {
    const fay = await t.user("fay@example.com");
    await grantDirect(t.services, "metastore", "metastore", fay.principalId, "CREATE EXTERNAL LOCATION");
    await grantDirect(t.services, "credential", "cred", fay.principalId, "CREATE EXTERNAL LOCATION");
    expect((await fay.post(uc("/external-locations"), { name: "fays", url: "s3://fay/data", credential_name: "cred" })).status).toBe(200);
    const res = await t.admin.post(uc("/tables"), externalTable("main", "s", "admin_t", "s3://fay/data/t"));
    expect([res.status, res.body.error_code]).toEqual([403, "PERMISSION_DENIED"]);
  });
});

describe("managed locations of catalogs and schemas need CREATE MANAGED STORAGE on the covering location", () => {
  it("CREATE CATALOG is not enough to point a catalog's managed storage at a location", async () => {
    const gus = await t.user("gus@example.com");
    await grantDirect(t.services, "metastore", "metastore", gus.principalId, "CREATE CATALOG");
    expect((await gus.post(uc("/catalogs"), { name: "gus_plain" })).status).toBe(200);
    const body = { name: "gus_managed", storage_root: "s3://lake/data/gus" };
    const denied = await gus.post(uc("/catalogs"), body);
    expect([denied.status, denied.body.message]).toEqual([403, "User does not have CREATE MANAGED STORAGE on External location 'lake', which covers s3://lake/data/gus."]);
    expect(await lastAudit(t, "createCatalog", "gus@example.com")).toMatchObject({ outcome: "denied" });
    expect((await t.admin.get(uc("/catalogs/gus_managed"))).status).toBe(404);
    await grantDirect(t.services, "external_location", "lake", gus.principalId, "CREATE MANAGED STORAGE");
    const created = await gus.post(uc("/catalogs"), body);
    expect([created.status, created.body.storage_root]).toEqual([200, "s3://lake/data/gus"]);
  });

  it("a managed location outside every external location is refused, for admins too", async () => {
    const res = await t.admin.post(uc("/catalogs"), { name: "nowhere", storage_root: "s3://unregistered/bucket" });
    expect([res.status, res.body.error_code]).toEqual([403, "PERMISSION_DENIED"]);
    expect(res.body.message).toContain("No external location covers s3://unregistered/bucket");
    expect((await t.admin.get(uc("/catalogs/nowhere"))).status).toBe(404);
  });

  it("the same holds for a schema's MANAGED LOCATION, through REST and SQL", async () => {
    const hal = await t.user("hal@example.com");
    await grantDirect(t.services, "catalog", "main", hal.principalId, "USE CATALOG");
    await grantDirect(t.services, "catalog", "main", hal.principalId, "CREATE SCHEMA");
    const rest = await hal.post(uc("/schemas"), { name: "hal_s", catalog_name: "main", storage_root: "s3://lake/data/hal" });
    expect([rest.status, rest.body.error_code]).toEqual([403, "PERMISSION_DENIED"]);
    const sql = await hal.post("/api/2.0/sql/statements", { statement: "CREATE SCHEMA main.hal_s MANAGED LOCATION 's3://lake/data/hal'" });
    expect(sql.body.status.error.error_code).toBe("PERMISSION_DENIED");
    expect(sql.body.status.error.message).toContain("CREATE MANAGED STORAGE");
    await grantDirect(t.services, "external_location", "lake", hal.principalId, "CREATE MANAGED STORAGE");
    expect((await hal.post(uc("/schemas"), { name: "hal_s", catalog_name: "main", storage_root: "s3://lake/data/hal" })).status).toBe(200);
  });
});
