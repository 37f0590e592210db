/**
 * Cloudflare Workers entry (issue 2 §1): the same app over postgres.js, with Postgres reached
 * through a Hyperdrive binding or DATABASE_URL. Workers may not share a socket between
 * requests, so each request opens its own connection; migrations and bootstrap run once per
 * isolate. No PGlite, DuckDB or filesystem here (DESIGN §2).
 */
import authzModel from "../../policies/model.conf";
import { parseConfig } from "../config";
import { connectPostgres } from "../db/postgres";
import { applyMigrations } from "../db/migrate";
import { migrations } from "../../schema/migrations.gen";
import { bootstrap } from "../bootstrap";
import { createServices } from "../services";
import { systemClock } from "../clock";
import { createApp } from "../app";
import { AwsSts } from "../credentials/aws-sts";
import { VendedCredentialCache } from "../credentials/cache";
import { PrivilegeEnforcer } from "../authz/enforcer";

interface Env {
  HYPERDRIVE?: { connectionString: string };
  DATABASE_URL?: string;
  [key: string]: unknown;
}

interface ExecutionContext {
  waitUntil(promise: Promise<unknown>): void;
}

let ready: Promise<string> | undefined;
// Services are built per request, but the STS client and vended credentials live per isolate.
let credentialPorts: { sts: AwsSts; cache: VendedCredentialCache } | undefined;
// So does the casbin model, compiled once.
let enforcer: Promise<PrivilegeEnforcer> | undefined;

export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
    const url = env.HYPERDRIVE?.connectionString ?? env.DATABASE_URL;
    if (!url) return Response.json({ error_code: "INTERNAL", message: "No database: set DATABASE_URL or bind HYPERDRIVE." }, { status: 500 });
    const vars = Object.fromEntries(Object.entries(env).filter(([, v]) => typeof v === "string")) as Record<string, string>;
    const config = parseConfig({ ...vars, DATABASE_URL: url });
    const handle = connectPostgres(url, { max: 1 });
    try {
      ready ??= prepare(url, config).catch((err) => {
        ready = undefined;
        throw err;
      });
      const metastoreId = await ready;
      credentialPorts ??= { sts: new AwsSts(config.credentials), cache: new VendedCredentialCache(systemClock) };
      // Storage is s3:// only (createServices adds it), reached through storage credentials.
      enforcer ??= PrivilegeEnforcer.create(authzModel);
      const services = await createServices({ config, db: handle.db, clock: systemClock, authzModel: await enforcer, metastoreId, sts: credentialPorts.sts, credentialCache: credentialPorts.cache });
      return await createApp(services).fetch(request, env, ctx as never);
    } finally {
      ctx.waitUntil(handle.close());
    }
  },
};

async function prepare(url: string, config: ReturnType<typeof parseConfig>): Promise<string> {
  const handle = connectPostgres(url, { max: 1 });
  try {
    await applyMigrations(handle.db, migrations);
    const boot = await bootstrap(handle.db, config, systemClock);
    // Workers have no file to put it in: the first admin token goes to the log, once.
    if (boot.adminToken) console.log(`Lakeward: created metastore admin '${config.adminUserName}' with token ${boot.adminToken}`);
    return boot.metastoreId;
  } finally {
    await handle.close();
  }
}
