import { and, desc, eq } from "drizzle-orm";
import { auditLog, tableDetails } from "../../schema/index";
import type { Clock } from "../../src/clock";
import { startTestApp, type TestApp } from "../support/app";
import { uc, type ApiClient } from "../support/client";
import { startStsTestServer, type StsTestServer } from "../support/sts-server";
import { column } from "../support/fixtures";

/** Shared setup for vending tests: an app wired to the STS protocol server. */
export interface VendingWorld {
  t: TestApp;
  sts: StsTestServer;
  /** Role of the storage credential `lake_cred` (registered with STS, with its external id). */
  roleArn: string;
  externalId: string;
  close(): Promise<void>;
}

export const LAKEWARD_IAM_ARN = "arn:aws:iam::111122223333:user/lakeward";

/** A movable clock, shared by the app and the STS server (Expiration follows it). */
export class TestClock implements Clock {
  constructor(public ms = Date.now()) {}
  now(): number {
    return this.ms;
  }
  advance(ms: number): void {
    this.ms += ms;
  }
}

/**
 * Starts STS and Lakeward, creates storage credential `lake_cred` (role registered with STS,
 * trust policy demanding the credential's external id) and external location `lake` at
 * `s3://lake/warehouse`, both owned by the admin.
 */
export async function startVendingWorld(options: { clock?: TestClock; env?: Record<string, string> } = {}): Promise<VendingWorld> {
  const sts = await startStsTestServer({ now: options.clock ? () => options.clock!.now() : undefined });
  const t = await startTestApp({
    clock: options.clock,
    env: {
      LAKEWARD_STS_ENDPOINT: sts.endpoint,
      LAKEWARD_AWS_REGION: sts.region,
      LAKEWARD_AWS_ACCESS_KEY_ID: sts.credentials.accessKeyId,
      LAKEWARD_AWS_SECRET_ACCESS_KEY: sts.credentials.secretAccessKey,
      LAKEWARD_AWS_IAM_ARN: LAKEWARD_IAM_ARN,
      ...options.env,
    },
  });
  const roleArn = "arn:aws:iam::123456789012:role/lakeward-lake";
  const cred = await t.admin.post(uc("/credentials"), { name: "lake_cred", aws_iam_role: { role_arn: roleArn } });
  const externalId = cred.body.aws_iam_role.external_id as string;
  sts.addRole(roleArn, { externalId, maxSessionSeconds: 43_200 });
  const loc = await t.admin.post(uc("/external-locations"), { name: "lake", url: "s3://lake/warehouse", credential_name: "lake_cred" });
  if (loc.status !== 200) throw new Error(JSON.stringify(loc.body));
  return { t, sts, roleArn, externalId, close: async () => { await t.close(); await sts.close(); } };
}

/** Creates catalog.schema if missing and an EXTERNAL table at `url`; returns its table_id. */
export async function externalTableAt(client: ApiClient, fullName: string, url: string): Promise<string> {
  const [catalog, schema, name] = fullName.split(".") as [string, string, string];
  await client.post(uc("/catalogs"), { name: catalog });
  await client.post(uc("/schemas"), { name: schema, catalog_name: catalog });
  const res = await client.post(uc("/tables"), {
    name, catalog_name: catalog, schema_name: schema, table_type: "EXTERNAL", data_source_format: "DELTA",
    columns: [column("id", "INT", 0), column("region", "STRING", 1)], storage_location: url,
  });
  if (res.status !== 200) throw new Error(JSON.stringify(res.body));
  return res.body.table_id as string;
}

/** Grants `privileges` on a securable through the permissions API (GRANT's REST twin). */
export async function grant(client: ApiClient, type: string, fullName: string, principal: string, privileges: string[]): Promise<void> {
  const res = await client.patch(uc(`/permissions/${type}/${fullName}`), { changes: [{ principal, add: privileges, remove: [] }] });
  if (res.status !== 200) throw new Error(JSON.stringify(res.body));
}

/** Grants USE CATALOG and USE SCHEMA on a table's containers, and `privileges` on the table. */
export async function grantOnTable(client: ApiClient, fullName: string, principal: string, privileges: string[]): Promise<void> {
  const [catalog, schema] = fullName.split(".");
  await grant(client, "catalog", catalog!, principal, ["USE CATALOG"]);
  await grant(client, "schema", `${catalog}.${schema}`, principal, ["USE SCHEMA"]);
  if (privileges.length) await grant(client, "table", fullName, principal, privileges);
}

/** Sets a row filter or a column mask directly (the query engine's SQL does this in production). */
export async function protectTable(t: TestApp, tableId: string, how: "row_filter" | "mask"): Promise<void> {
  const [detail] = await t.services.db.select().from(tableDetails).where(eq(tableDetails.securableId, tableId));
  if (how === "row_filter") {
    await t.services.db.update(tableDetails).set({ rowFilter: { function_name: "main.sec.region_filter", input_column_names: ["region"] } }).where(eq(tableDetails.securableId, tableId));
  } else {
    const columns = detail!.columns.map((c) => (c.name === "region" ? { ...c, mask: { function_name: "main.sec.mask_region", using_column_names: [] } } : c));
    await t.services.db.update(tableDetails).set({ columns }).where(eq(tableDetails.securableId, tableId));
  }
}

/** The newest audit row of an action (optionally for one principal). */
export async function lastAudit(t: TestApp, action: string, principalName?: string) {
  const [row] = await t.services.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.actionName, action), principalName ? eq(auditLog.principalName, principalName) : undefined))
    .orderBy(desc(auditLog.seq))
    .limit(1);
  return row;
}

/** Runs SQL through the statement API. */
export const runSql = (client: ApiClient, statement: string) => client.post("/api/2.0/sql/statements", { statement, warehouse_id: "lakeward" });
