/**
 * The Lakeward side of bench/sharing-query.ts, in its own process so that the client's
 * timings are not distorted by sharing one event loop with the server.
 *
 *   tsx bench/sharing-server.ts <storage dir> <table url>
 *
 * Serves Lakeward (in-memory PGlite) with the table shared to a recipient, prints
 * `ready <port> <bearer token>`, then answers stdin commands: `invalidate` drops the cached
 * snapshot (a cold query follows) and prints `ok`.
 */
import { createInterface } from "node:readline";
import { join } from "node:path";
import { parseConfig } from "../src/config";
import { listen, prepareRuntime } from "../src/node/start";
import { connectPglite } from "../src/node/pglite";
import { createApp } from "../src/app";

const [dir, tableUrl] = [process.argv[2]!, process.argv[3]!];
const config = parseConfig({ LAKEWARD_HOME: join(dir, "home"), PORT: "0" });
const runtime = await prepareRuntime(config, await connectPglite());
const app = createApp(runtime.services);
const call = async (method: string, path: string, body?: unknown) => {
  const res = await app.request(path, { method, headers: { authorization: `Bearer ${runtime.adminToken}`, "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
  const json = (await res.json()) as any;
  if (res.status !== 200) throw new Error(`${method} ${path}: ${JSON.stringify(json)}`);
  return json;
};
const uc = (p: string) => `/api/2.1/unity-catalog${p}`;
await call("POST", uc("/credentials"), { name: "bench", aws_iam_role: { role_arn: "arn:aws:iam::123456789012:role/bench" } });
await call("POST", uc("/external-locations"), { name: "bench", url: `file://${dir}`, credential_name: "bench" });
await call("POST", uc("/catalogs"), { name: "lake" });
await call("POST", uc("/schemas"), { name: "s", catalog_name: "lake" });
await call("POST", uc("/tables"), { name: "big", catalog_name: "lake", schema_name: "s", table_type: "EXTERNAL", data_source_format: "DELTA", storage_location: tableUrl });
const recipient = await call("POST", uc("/recipients"), { name: "bench" });
await call("POST", uc("/shares"), { name: "bench" });
await call("PATCH", uc("/shares/bench"), { updates: [{ action: "ADD", data_object: { name: "lake.s.big", shared_as: "s.big" } }] });
await call("PATCH", uc("/shares/bench/permissions"), { changes: [{ principal: "bench", add: ["SELECT"] }] });
const profile = await call("GET", `/api/2.1/unity-catalog/public/data_sharing_activation/${String(recipient.activation_url).split("/").pop()}`);
const { port } = await listen(runtime, 0);
process.stdout.write(`ready ${port} ${profile.bearerToken}\n`);
for await (const line of createInterface({ input: process.stdin })) {
  if (line.trim() === "invalidate") runtime.services.snapshots.invalidate(tableUrl);
  process.stdout.write("ok\n");
}
process.exit(0);
