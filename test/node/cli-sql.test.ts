import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app";
import { runSqlCli } from "../../src/node/cli-sql";

let t: TestApp;
beforeAll(async () => (t = await startTestApp()));
afterAll(() => t.close());

/** The CLI, with the in-process app as its server. */
async function cli(args: string[], token = t.admin.token) {
  let out = "";
  const code = await runSqlCli(args, {
    env: { LAKEWARD_TOKEN: token },
    fetch: ((input: string, init?: RequestInit) => t.app.request(new URL(input).pathname, init)) as typeof fetch,
    out: (s) => (out += s),
  });
  return { code, out };
}

describe("lakeward sql", () => {
  it("runs statements and prints the last result as a table", async () => {
    expect((await cli(["CREATE CATALOG cli_made; CREATE SCHEMA cli_made.s"])).code).toBe(0);
    const { code, out } = await cli(["SHOW SCHEMAS IN cli_made"]);
    expect(code).toBe(0);
    expect(out).toContain("databaseName");
    expect(out).toMatch(/\ns\s*\n/);
    expect(out).toContain("(1 row)");
  });

  it("exits 1 with the located error on a failed statement, 2 on bad usage", async () => {
    const failed = await cli(["GRANT SELECT ON TABLE TO x"]);
    expect(failed.code).toBe(1);
    expect(failed.out).toContain("line 1, column 23");
    expect((await cli([])).code).toBe(2);
    expect((await cli(["--bogus", "x"])).code).toBe(2);
    expect((await cli(["SHOW CATALOGS"], "lkw_wrong")).code).toBe(1);
  });
});
