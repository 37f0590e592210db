/** Lakeward itself on the PostgreSQL server, for bench/uc-get-table.ts. */
import { parseConfig } from "../../src/config";
import { connectPostgres } from "../../src/db/postgres";
import { listen, prepareRuntime } from "../../src/node/start";

const [url, port, home] = [process.argv[2]!, Number(process.argv[3]), process.argv[4]!];
const config = parseConfig({ DATABASE_URL: url, LAKEWARD_HOME: home, PORT: String(port) });
const runtime = await prepareRuntime(config, connectPostgres(url, { max: 10 }));
await listen(runtime, port);
process.stdout.write(`ready ${runtime.adminToken ?? ""}\n`);
