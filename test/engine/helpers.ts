import { expect } from "vitest";
import type { ApiClient } from "../support/client";

/** Runs a statement script through the statement API. */
export const sql = (client: ApiClient, statement: string, extra: Record<string, unknown> = {}) =>
  client.post("/api/2.0/sql/statements", { statement, warehouse_id: "x", ...extra });

/** Runs a script that must succeed and returns its last result's rows. */
export async function rows(client: ApiClient, statement: string, extra: Record<string, unknown> = {}): Promise<(string | null)[][]> {
  const res = await sql(client, statement, extra);
  expect(res.body.status, `${statement}\n→ ${JSON.stringify(res.body.status)}`).toEqual({ state: "SUCCEEDED" });
  return res.body.result?.data_array ?? [];
}

/** Runs a script that must fail and returns the error. */
export async function failure(client: ApiClient, statement: string): Promise<{ error_code: string; message: string }> {
  const res = await sql(client, statement);
  expect(res.body.status.state, `${statement} should fail`).toBe("FAILED");
  return res.body.status.error;
}

/** Rows sorted, for comparisons that do not depend on order. */
export const sorted = (r: (string | null)[][]) => [...r].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
