#!/usr/bin/env node
/**
 * Node entry and CLI (issue 2 §1): `lakeward serve` runs the service on embedded defaults
 * (PGlite under LAKEWARD_HOME, local warehouse) or on DATABASE_URL.
 */
import { resolve } from "node:path";
import { parseConfig } from "../config";
import { listen, openDatabase, prepareRuntime, saveAdminToken } from "../node/start";
import { runSqlCli } from "../node/cli-sql";

const USAGE = `usage: lakeward <command>
  serve            run the service (default)
  sql "STMT; ..."  run SQL through a running server (see lakeward sql --help)
  help             this text
Environment: PORT, LAKEWARD_HOME, DATABASE_URL, LAKEWARD_STORAGE_ROOT, LAKEWARD_PUBLIC_URL (see README).`;

async function serveCommand(): Promise<void> {
  const config = parseConfig(process.env, (p) => resolve(p));
  const handle = await openDatabase(config);
  const runtime = await prepareRuntime(config, handle);
  if (runtime.adminToken) process.stdout.write(saveAdminToken(config, runtime.adminToken));
  const { server, port } = await listen(runtime, config.port);
  process.stdout.write(`Lakeward listening on http://localhost:${port} (${handle.driver})\n`);
  const stop = () => {
    server.close();
    void handle.close().finally(() => process.exit(0));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

async function main(argv: string[]): Promise<void> {
  const [command = "serve"] = argv;
  switch (command) {
    case "serve":
      return serveCommand();
    case "sql":
      process.exitCode = await runSqlCli(argv.slice(1), { env: process.env, fetch, out: (t) => process.stdout.write(t) });
      return;
    case "help":
    case "--help":
    case "-h":
      process.stdout.write(USAGE + "\n");
      return;
    default:
      process.stderr.write(`unknown command '${command}'\n${USAGE}\n`);
      process.exit(2);
  }
}

main(process.argv.slice(2)).catch((err) => {
  process.stderr.write(`lakeward: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
