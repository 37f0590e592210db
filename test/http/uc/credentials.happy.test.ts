import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../support/app";
import { uc } from "../../support/client";
import { lastAudit, runSql } from "../../credentials/vending";

const ARN = "arn:aws:iam::123456789012:role/lakeward-data";
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ env: { LAKEWARD_AWS_IAM_ARN: "arn:aws:iam::111122223333:user/lakeward" } });
  await t.user("bob@example.com");
});
afterAll(() => t.close());

describe("storage credentials: REST round trip", () => {
  it("creates a credential with a generated external id and returns UC's CredentialInfo", async () => {
    const res = await t.admin.post(uc("/credentials"), { name: "Lake_Cred", comment: "prod lake", aws_iam_role: { role_arn: ARN }, purpose: "STORAGE" });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      name: "lake_cred",
      aws_iam_role: { role_arn: ARN, unity_catalog_iam_arn: "arn:aws:iam::111122223333:user/lakeward", external_id: expect.stringMatching(/^[0-9a-f-]{36}$/) },
      comment: "prod lake",
      owner: "admin",
      full_name: "lake_cred",
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      created_at: expect.any(Number),
      created_by: "admin",
      updated_at: expect.any(Number),
      updated_by: "admin",
      purpose: "STORAGE",
    });
    expect((await t.admin.get(uc("/credentials/LAKE_CRED"))).body).toEqual(res.body);
    expect(await lastAudit(t, "createStorageCredential")).toMatchObject({ outcome: "success", securableType: "credential", securableFullName: "lake_cred", securableId: res.body.id });
  });

  it("lists by name with paging", async () => {
    for (const n of ["c_a", "c_b", "c_c"]) await t.admin.post(uc("/credentials"), { name: n, aws_iam_role: { role_arn: ARN } });
    const page1 = await t.admin.get(uc("/credentials?max_results=2"));
    expect(page1.body.credentials.map((c: any) => c.name)).toEqual(["c_a", "c_b"]);
    const page2 = await t.admin.get(uc(`/credentials?max_results=2&page_token=${page1.body.next_page_token}&purpose=STORAGE`));
    expect(page2.body.credentials.map((c: any) => c.name)).toEqual(["c_c", "lake_cred"]);
    expect(page2.body.next_page_token).toBeUndefined();
  });

  it("PATCH renames, comments, changes the role and transfers ownership; the external id stays", async () => {
    const before = (await t.admin.get(uc("/credentials/c_a"))).body;
    const other = "arn:aws:iam::210987654321:role/path/to/other-role";
    const res = await t.admin.patch(uc("/credentials/c_a"), { new_name: "c_renamed", comment: "moved", aws_iam_role: { role_arn: other }, owner: "bob@example.com" });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: "c_renamed", full_name: "c_renamed", comment: "moved", owner: "bob@example.com", id: before.id });
    expect(res.body.aws_iam_role).toEqual({ ...before.aws_iam_role, role_arn: other });
    expect((await t.admin.get(uc("/credentials/c_a"))).status).toBe(404);
    expect(await lastAudit(t, "updateStorageCredential")).toMatchObject({ outcome: "success", securableId: before.id });
  });

  it("DELETE answers 200 with an empty body", async () => {
    const res = await t.admin.delete(uc("/credentials/c_b"));
    expect([res.status, res.body]).toEqual([200, {}]);
    expect((await t.admin.get(uc("/credentials/c_b"))).body.error_code).toBe("NOT_FOUND");
  });
});

describe("storage credentials: SQL", () => {
  it("CREATE, SHOW, DESCRIBE, GRANT, ALTER ... RENAME / OWNER and DROP", async () => {
    const script = `CREATE STORAGE CREDENTIAL sql_cred WITH (AWS_IAM_ROLE = '${ARN}') COMMENT 'from sql';
      CREATE STORAGE CREDENTIAL IF NOT EXISTS sql_cred WITH (AWS_IAM_ROLE '${ARN}');
      GRANT CREATE EXTERNAL LOCATION ON STORAGE CREDENTIAL sql_cred TO \`bob@example.com\`;
      SHOW STORAGE CREDENTIALS`;
    const shown = await runSql(t.admin, script);
    expect(shown.body.status).toEqual({ state: "SUCCEEDED" });
    expect(shown.body.manifest.schema.columns.map((c: any) => c.name)).toEqual(["name", "comment"]);
    expect(shown.body.result.data_array).toContainEqual(["sql_cred", "from sql"]);
    const described = await runSql(t.admin, "DESCRIBE STORAGE CREDENTIAL sql_cred");
    const info = (await t.admin.get(uc("/credentials/sql_cred"))).body;
    expect(described.body.result.data_array).toEqual([["sql_cred", "AWS_IAM_ROLE", ARN, info.aws_iam_role.external_id, "admin", "admin", expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/), "from sql"]]);
    const grants = await runSql(t.admin, "SHOW GRANTS ON STORAGE CREDENTIAL sql_cred");
    expect(grants.body.result.data_array).toEqual([["bob@example.com", "CREATE EXTERNAL LOCATION", "STORAGE CREDENTIAL", "sql_cred"]]);
    const altered = await runSql(t.admin, "ALTER STORAGE CREDENTIAL sql_cred RENAME TO sql_cred2; ALTER STORAGE CREDENTIAL sql_cred2 OWNER TO `bob@example.com`");
    expect(altered.body.status).toEqual({ state: "SUCCEEDED" });
    expect((await t.admin.get(uc("/credentials/sql_cred2"))).body.owner).toBe("bob@example.com");
    expect((await runSql(t.admin, "DROP STORAGE CREDENTIAL sql_cred2; DROP STORAGE CREDENTIAL IF EXISTS sql_cred2")).body.status).toEqual({ state: "SUCCEEDED" });
    expect((await t.admin.get(uc("/credentials/sql_cred2"))).status).toBe(404);
  });
});
