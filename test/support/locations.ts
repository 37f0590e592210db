import type { TestApp } from "./app";
import { uc, type ApiClient } from "./client";

/** A role ARN in the format storage credentials accept (nothing assumes it unless a test says so). */
export const TEST_ROLE_ARN = "arn:aws:iam::123456789012:role/lakeward-test";

/**
 * Registers storage so EXTERNAL tables and volumes may use it (issue 7: their storage must lie
 * under an external location). Creates one storage credential and one external location per
 * URL, owned by `client` (the admin by default), and returns the locations' names. Pick broad
 * URLs — the test's bucket or temp root — since locations may not overlap.
 */
export async function registerStorage(t: TestApp, urls: string[], options: { client?: ApiClient; roleArn?: string; prefix?: string } = {}): Promise<string[]> {
  const client = options.client ?? t.admin;
  const prefix = options.prefix ?? "test";
  const credential = `${prefix}_credential`;
  const created = await client.post(uc("/credentials"), { name: credential, aws_iam_role: { role_arn: options.roleArn ?? TEST_ROLE_ARN } });
  if (created.status !== 200 && created.body?.error_code !== "STORAGE_CREDENTIAL_ALREADY_EXISTS") throw new Error(`credential: ${JSON.stringify(created.body)}`);
  const names: string[] = [];
  for (const [i, url] of urls.entries()) {
    const name = `${prefix}_location_${i}`;
    const res = await client.post(uc("/external-locations"), { name, url, credential_name: credential });
    if (res.status !== 200) throw new Error(`external location ${url}: ${JSON.stringify(res.body)}`);
    names.push(name);
  }
  return names;
}
