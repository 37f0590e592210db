import { spawn, type ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServerDatabase } from "../support/db";

const root = new URL("../..", import.meta.url).pathname;
const serverUrl = process.env.LAKEWARD_TEST_DATABASE_URL;

/**
 * The Worker build under `wrangler dev` (workerd, the real Workers runtime) against the real
 * PostgreSQL server. Runs in the suite's PostgreSQL pass (LAKEWARD_TEST_DATABASE_URL set).
 */
describe.skipIf(!serverUrl)("Worker under wrangler dev", () => {
  let proc: ChildProcess;
  let log = "";
  let db: Awaited<ReturnType<typeof createServerDatabase>>;
  const port = 20000 + Math.floor(Math.random() * 20000);
  const base = `http://127.0.0.1:${port}`;

  beforeAll(async () => {
    db = await createServerDatabase();
    proc = spawn("npx", ["wrangler", "dev", "--ip", "127.0.0.1", "--port", String(port), "--var", `DATABASE_URL:${db!.url}`, "--show-interactive-dev-session=false"], {
      cwd: root,
      env: { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "1" },
      detached: true,
    });
    proc.stdout!.on("data", (d) => (log += d));
    proc.stderr!.on("data", (d) => (log += d));
    const deadline = Date.now() + 90_000;
    while (!/Ready on/.test(log)) {
      if (Date.now() > deadline) throw new Error(`wrangler dev did not start:\n${log}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }, 120_000);

  afterAll(async () => {
    if (proc?.pid) process.kill(-proc.pid, "SIGTERM");
    await new Promise((r) => setTimeout(r, 500));
    await db?.drop();
  });

  it("creates, gets and lists a catalog", async () => {
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const deadline = Date.now() + 10_000;
    let token: string | undefined;
    while (!(token = /with token (lkw_[\w-]+)/.exec(log)?.[1]) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(token).toBeDefined();
    const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
    const created = await fetch(`${base}/api/2.1/unity-catalog/catalogs`, { method: "POST", headers, body: JSON.stringify({ name: "from_worker" }) });
    expect(created.status).toBe(200);
    const got = await (await fetch(`${base}/api/2.1/unity-catalog/catalogs/from_worker`, { headers })).json();
    expect(got).toMatchObject({ name: "from_worker", owner: "admin" });
    const list = await (await fetch(`${base}/api/2.1/unity-catalog/catalogs`, { headers })).json();
    expect(list.catalogs.map((c: { name: string }) => c.name)).toEqual(["from_worker"]);
    expect((await fetch(`${base}/api/2.1/unity-catalog/catalogs`)).status).toBe(401);
  }, 60_000);
});
