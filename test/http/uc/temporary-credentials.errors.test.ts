import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uc } from "../../support/client";
import { column } from "../../support/fixtures";
import { externalTableAt, lastAudit, startVendingWorld, type VendingWorld } from "../../credentials/vending";

let w: VendingWorld;
let ordersId: string;
beforeAll(async () => {
  w = await startVendingWorld();
  ordersId = await externalTableAt(w.t.admin, "main.sales.orders", "s3://lake/warehouse/orders");
});
afterAll(() => w.close());

const post = (path: string, body: unknown) => w.t.admin.post(uc(path), body);

describe("temporary credentials: bad requests", () => {
  it("refuses unknown operations and missing fields with INVALID_ARGUMENT", async () => {
    const cases: [string, unknown, string][] = [
      ["/temporary-table-credentials", { table_id: ordersId, operation: "UNKNOWN_TABLE_OPERATION" }, "operation"],
      ["/temporary-table-credentials", { table_id: ordersId, operation: "WRITE" }, "operation"],
      ["/temporary-table-credentials", { operation: "READ" }, "table_id"],
      ["/temporary-volume-credentials", { volume_id: ordersId, operation: "UNKNOWN_VOLUME_OPERATION" }, "operation"],
      ["/temporary-path-credentials", { url: "s3://lake/warehouse/x", operation: "UNKNOWN_PATH_OPERATION" }, "operation"],
      ["/temporary-path-credentials", { operation: "PATH_READ" }, "url"],
    ];
    for (const [path, body, field] of cases) {
      const res = await post(path, body);
      expect([res.status, res.body.error_code], `${path} ${JSON.stringify(body)}`).toEqual([400, "INVALID_ARGUMENT"]);
      expect(res.body.details[0].metadata.field).toBe(field);
    }
  });

  it("answers unknown and malformed ids as not found", async () => {
    for (const id of [crypto.randomUUID(), "not-a-uuid", "'; drop table securables; --"]) {
      const res = await post("/temporary-table-credentials", { table_id: id, operation: "READ" });
      expect([res.status, res.body.error_code]).toEqual([404, "TABLE_NOT_FOUND"]);
    }
    const vol = await post("/temporary-volume-credentials", { volume_id: ordersId, operation: "READ_VOLUME" });
    expect([vol.status, vol.body.error_code]).toEqual([404, "NOT_FOUND"]);
  });

  it("refuses views with an explanation", async () => {
    await post("/tables", { name: "v", catalog_name: "main", schema_name: "sales", table_type: "VIEW", columns: [column("id")], view_definition: "select id from main.sales.orders" });
    const view = (await w.t.admin.get(uc("/tables/main.sales.v"))).body;
    const res = await post("/temporary-table-credentials", { table_id: view.table_id, operation: "READ" });
    expect([res.status, res.body.error_code]).toEqual([400, "INVALID_ARGUMENT"]);
    expect(res.body.message).toBe("main.sales.v is a view: it has no storage of its own, and credentials for direct access are not issued. Query it through the SQL statement API or share a view.");
  });

  it("refuses bucket roots, '..' segments, unsupported schemes and table-overlapping PATH_CREATE_TABLE", async () => {
    const cases: [unknown, number, string][] = [
      [{ url: "s3://lake", operation: "PATH_READ" }, 400, "INVALID_ARGUMENT"],
      [{ url: "s3://lake/warehouse/a/../../secrets", operation: "PATH_READ" }, 400, "INVALID_ARGUMENT"],
      [{ url: "s3://lake/warehouse/./x", operation: "PATH_READ" }, 400, "INVALID_ARGUMENT"],
      [{ url: "ftp://lake/warehouse/x", operation: "PATH_READ" }, 400, "INVALID_ARGUMENT"],
      [{ url: "s3://lake/warehouse/orders/part", operation: "PATH_CREATE_TABLE" }, 400, "INVALID_ARGUMENT"],
      [{ url: "s3://lake/warehouse", operation: "PATH_CREATE_TABLE" }, 400, "INVALID_ARGUMENT"],
    ];
    for (const [body, status, code] of cases) {
      const res = await post("/temporary-path-credentials", body);
      expect([res.status, res.body.error_code], JSON.stringify(body)).toEqual([status, code]);
    }
    await post("/external-locations", { name: "gcs", url: "gs://other-bucket/data", credential_name: "lake_cred" });
    const gcs = await post("/temporary-path-credentials", { url: "gs://other-bucket/data/x", operation: "PATH_READ" });
    expect([gcs.status, gcs.body.error_code]).toEqual([501, "UNIMPLEMENTED"]);
  });

  it("explains an STS refusal as FAILED_PRECONDITION, without AWS detail or secrets", async () => {
    await post("/credentials", { name: "untrusted", aws_iam_role: { role_arn: "arn:aws:iam::123456789012:role/not-trusting-lakeward" } });
    await post("/external-locations", { name: "dark", url: "s3://dark/data", credential_name: "untrusted" });
    const id = await externalTableAt(w.t.admin, "main.sales.dark", "s3://dark/data/t");
    const res = await post("/temporary-table-credentials", { table_id: id, operation: "READ" });
    expect([res.status, res.body.error_code]).toEqual([400, "FAILED_PRECONDITION"]);
    expect(res.body.message).toContain("storage credential 'untrusted' (AccessDenied)");
    expect(w.sts.refusals.at(-1)!.code).toBe("AccessDenied");
    expect((await lastAudit(w.t, "generateTemporaryTableCredential"))).toMatchObject({ outcome: "failed", errorCode: "FAILED_PRECONDITION", securableFullName: "main.sales.dark" });
  });

  it("a table whose external location was force-deleted gets FAILED_PRECONDITION", async () => {
    await post("/external-locations", { name: "temp", url: "s3://temp/data", credential_name: "lake_cred" });
    const id = await externalTableAt(w.t.admin, "main.sales.stranded", "s3://temp/data/t");
    expect((await w.t.admin.delete(uc("/external-locations/temp?force=true"))).status).toBe(200);
    const res = await post("/temporary-table-credentials", { table_id: id, operation: "READ" });
    expect([res.status, res.body.error_code]).toEqual([400, "FAILED_PRECONDITION"]);
    expect(res.body.message).toContain("No external location covers s3://temp/data/t");
  });
});
