import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uc } from "../support/client";
import { externalTableAt, startVendingWorld, type VendingWorld } from "./vending";

let w: VendingWorld;
let id: string;
beforeAll(async () => {
  w = await startVendingWorld({ env: { LAKEWARD_CREDENTIAL_DURATION_SECONDS: "900" } });
  id = await externalTableAt(w.t.admin, "main.s.t", "s3://lake/warehouse/t");
});
afterAll(() => w.close());

describe("configured credential lifetime", () => {
  it("asks STS for LAKEWARD_CREDENTIAL_DURATION_SECONDS and reports STS's expiry", async () => {
    const res = await w.t.admin.post(uc("/temporary-table-credentials"), { table_id: id, operation: "READ" });
    expect(res.status).toBe(200);
    const call = w.sts.calls.at(-1)!;
    expect(call.durationSeconds).toBe(900);
    expect(res.body.expiration_time).toBe(Date.parse(call.issued.expiration));
  });

  it("a duration the role does not allow is an STS refusal an admin can fix", async () => {
    w.sts.addRole(w.roleArn, { externalId: w.externalId, maxSessionSeconds: 600 });
    w.t.services.credentials.cache.clear();
    const res = await w.t.admin.post(uc("/temporary-table-credentials"), { table_id: id, operation: "READ" });
    expect([res.status, res.body.error_code]).toEqual([400, "FAILED_PRECONDITION"]);
    expect(res.body.message).toContain("(ValidationError)");
  });
});
