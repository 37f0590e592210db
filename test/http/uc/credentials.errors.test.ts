import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../support/app";
import { uc } from "../../support/client";
import { lastAudit, runSql } from "../../credentials/vending";

const ARN = "arn:aws:iam::123456789012:role/lakeward-data";
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe("storage credentials: invalid input", () => {
  it("validates the role ARN, the name and the purpose", async () => {
    const cases: [unknown, string][] = [
      [{ name: "c" }, "aws_iam_role"],
      [{ name: "c", aws_iam_role: { role_arn: "arn:aws:iam::12345:role/x" } }, "aws_iam_role.role_arn"],
      [{ name: "c", aws_iam_role: { role_arn: "arn:aws:iam::123456789012:user/alice" } }, "aws_iam_role.role_arn"],
      [{ name: "c", aws_iam_role: { role_arn: "arn:aws:s3:::bucket" } }, "aws_iam_role.role_arn"],
      [{ name: "c", aws_iam_role: { role_arn: `arn:aws:iam::123456789012:role/${"r".repeat(65)}` } }, "aws_iam_role.role_arn"],
      [{ name: "c", aws_iam_role: { role_arn: "arn:aws:iam::123456789012:role/has space" } }, "aws_iam_role.role_arn"],
      [{ name: "a.b", aws_iam_role: { role_arn: ARN } }, "name"],
      [{ name: "c", aws_iam_role: { role_arn: ARN }, purpose: "SERVICE" }, "purpose"],
      [{ aws_iam_role: { role_arn: ARN } }, "name"],
    ];
    for (const [body, field] of cases) {
      const res = await t.admin.post(uc("/credentials"), body);
      expect([res.status, res.body.error_code], JSON.stringify(body)).toEqual([400, "INVALID_ARGUMENT"]);
      expect(res.body.details[0].metadata.field, JSON.stringify(body)).toBe(field);
    }
    expect(await lastAudit(t, "createStorageCredential")).toBeUndefined();
    const patch = await t.admin.patch(uc("/credentials/nope"), { aws_iam_role: { role_arn: "arn:aws:iam::1:role/x" } });
    expect(patch.status).toBe(400);
    expect((await t.admin.get(uc("/credentials?max_results=-1"))).status).toBe(400);
  });

  it("refuses duplicates with STORAGE_CREDENTIAL_ALREADY_EXISTS (400), case-insensitively", async () => {
    expect((await t.admin.post(uc("/credentials"), { name: "dup", aws_iam_role: { role_arn: ARN } })).status).toBe(200);
    const again = await t.admin.post(uc("/credentials"), { name: "DUP", aws_iam_role: { role_arn: ARN } });
    expect([again.status, again.body.error_code]).toEqual([400, "STORAGE_CREDENTIAL_ALREADY_EXISTS"]);
    const renamed = await t.admin.post(uc("/credentials"), { name: "other", aws_iam_role: { role_arn: ARN } });
    expect(renamed.status).toBe(200);
    expect((await t.admin.patch(uc("/credentials/other"), { new_name: "dup" })).body.error_code).toBe("STORAGE_CREDENTIAL_ALREADY_EXISTS");
  });

  it("answers missing credentials with NOT_FOUND", async () => {
    for (const res of [await t.admin.get(uc("/credentials/missing")), await t.admin.patch(uc("/credentials/missing"), { comment: "x" }), await t.admin.delete(uc("/credentials/missing"))]) {
      expect([res.status, res.body.error_code]).toEqual([404, "NOT_FOUND"]);
    }
  });

  it("keeps a credential external locations use, unless forced", async () => {
    await t.admin.post(uc("/credentials"), { name: "used", aws_iam_role: { role_arn: ARN } });
    await t.admin.post(uc("/external-locations"), { name: "loc", url: "s3://bucket/data", credential_name: "used" });
    const res = await t.admin.delete(uc("/credentials/used"));
    expect([res.status, res.body.error_code]).toEqual([400, "INVALID_ARGUMENT"]);
    expect(res.body.message).toBe("Storage credential 'used' is still used by external location(s) 'loc'; delete them first or use force=true.");
    expect(await lastAudit(t, "deleteStorageCredential")).toMatchObject({ outcome: "failed", errorCode: "INVALID_ARGUMENT" });
    expect((await t.admin.delete(uc("/credentials/used?force=true"))).status).toBe(200);
    expect((await t.admin.get(uc("/external-locations/loc"))).body).toMatchObject({ credential_name: null, credential_id: null });
  });

  it("SQL: errors name the statement; IF [NOT] EXISTS tolerate", async () => {
    const bad = await runSql(t.admin, "CREATE STORAGE CREDENTIAL s WITH (AWS_IAM_ROLE 'arn:aws:iam::1:role/x')");
    expect(bad.body.status.state).toBe("FAILED");
    expect(bad.body.status.error.error_code).toBe("BAD_REQUEST");
    expect(bad.body.status.error.message).toContain("aws_iam_role.role_arn");
    const missing = await runSql(t.admin, "DROP STORAGE CREDENTIAL nothing_here");
    expect(missing.body.status.error.error_code).toBe("NOT_FOUND");
    expect((await runSql(t.admin, "DROP STORAGE CREDENTIAL IF EXISTS nothing_here")).body.status.state).toBe("SUCCEEDED");
    const syntax = await runSql(t.admin, "CREATE STORAGE CREDENTIAL s COMMENT 'no role'");
    expect(syntax.body.status.state).toBe("FAILED");
  });
});
