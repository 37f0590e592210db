import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServerDatabase } from "../support/db";
import { startServerProcess, type ServerProcess } from "../support/server-process";
import { connectPostgres } from "../../src/db/postgres";
import { insertPrincipal } from "../../src/auth/principals";
import { issueAccessToken } from "../../src/auth/access-tokens";

/**
 * Issue 4 §7: several Lakeward processes on one PostgreSQL; a REVOKE through one is enforced
 * by the others within a second. Needs the PostgreSQL server (the suite's second pass).
 */
describe.skipIf(!process.env.LAKEWARD_TEST_DATABASE_URL)("two replicas on one PostgreSQL", () => {
  let db: Awaited<ReturnType<typeof createServerDatabase>>;
  let a: ServerProcess;
  let b: ServerProcess;

  beforeAll(async () => {
    db = await createServerDatabase();
    a = await startServerProcess({ DATABASE_URL: db!.url });
    b = await startServerProcess({ DATABASE_URL: db!.url });
  }, 120_000);

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await db?.drop();
  });

  it("a revoke on A is enforced on B within one second", async () => {
    const admin = a.adminToken()!;
    expect(b.adminToken()).toBeUndefined();
    const call = (server: ServerProcess, token: string, method: string, path: string, body?: unknown) =>
      fetch(`${server.url}${path}`, { method, headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
    const handle = connectPostgres(db!.url, { max: 1 });
    const bob = await insertPrincipal(handle.db, { kind: "user", name: "bob@example.com" }, Date.now());
    const { token } = await issueAccessToken(handle.db, { principalId: bob.id }, Date.now());
    await handle.close();

    const statement = (sql: string) => call(a, admin, "POST", "/api/2.0/sql/statements", { statement: sql });
    const setup = await statement(
      "CREATE CATALOG main; CREATE SCHEMA main.s; CREATE TABLE main.s.t (id INT); GRANT USE CATALOG ON CATALOG main TO `bob@example.com`; GRANT USE SCHEMA ON SCHEMA main.s TO `bob@example.com`; GRANT SELECT ON TABLE main.s.t TO `bob@example.com`",
    );
    expect((await setup.json()).status.state).toBe("SUCCEEDED");
    const readOnB = () => call(b, token, "GET", "/api/2.1/unity-catalog/tables/main.s.t");
    // B learns the grant (and caches it) ...
    let seen = false;
    for (let i = 0; i < 40 && !seen; i++) seen = (await readOnB()).status === 200 || (await new Promise((r) => setTimeout(r, 50)), false);
    expect(seen).toBe(true);
    expect((await readOnB()).status).toBe(200);

    // ... then A revokes, and B must stop within a second.
    const revoked = await statement("REVOKE SELECT ON TABLE main.s.t FROM `bob@example.com`");
    expect((await revoked.json()).status.state).toBe("SUCCEEDED");
    const started = Date.now();
    let status = 200;
    while (status === 200 && Date.now() - started < 3000) {
      status = (await readOnB()).status;
      if (status === 200) await new Promise((r) => setTimeout(r, 20));
    }
    const elapsed = Date.now() - started;
    expect(status).toBe(404);
    expect(elapsed).toBeLessThan(1000);
    // And A itself enforced it at once.
    expect((await call(a, token, "GET", "/api/2.1/unity-catalog/tables/main.s.t")).status).toBe(404);
  }, 60_000);
});
