import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { serve, type ServerType } from "@hono/node-server";
import type { Config } from "../config";
import type { DbHandle } from "../db/types";
import { connectPostgres } from "../db/postgres";
import { applyMigrations } from "../db/migrate";
import { migrations } from "../../schema/migrations.gen";
import { bootstrap } from "../bootstrap";
import { createServices, type Services } from "../services";
import { systemClock, type Clock } from "../clock";
import { createApp } from "../app";
import { connectPglite } from "./pglite";
import { LocalObjectStore } from "./local-store";
import { MemoryObjectStore } from "../storage/memory";
import { DuckDbEngine } from "./duckdb-engine";
import { engineHandlers } from "../sql/execute/engine-handlers";
import { AwsSts } from "../credentials/aws-sts";

/** The casbin model, read from policies/ next to the sources. */
export function readAuthzModel(): string {
  return readFileSync(new URL("../../policies/model.conf", import.meta.url), "utf8");
}

/** Opens the configured database: the server when DATABASE_URL is set, else PGlite under home. */
export async function openDatabase(config: Config): Promise<DbHandle> {
  if (config.databaseUrl) return connectPostgres(config.databaseUrl);
  mkdirSync(config.home, { recursive: true });
  return connectPglite(join(config.home, "pgdata"));
}

export interface Runtime {
  services: Services;
  handle: DbHandle;
  /** The first admin token, only on the very first start. */
  adminToken?: string;
}

/** Migrates, bootstraps and wires services over an open database. */
export async function prepareRuntime(config: Config, handle: DbHandle, clock: Clock = systemClock): Promise<Runtime> {
  await applyMigrations(handle.db, migrations);
  const boot = await bootstrap(handle.db, config, clock);
  const services = await createServices({
    config,
    db: handle.db,
    clock,
    authzModel: readAuthzModel(),
    metastoreId: boot.metastoreId,
    // s3:// is added by createServices: it reaches each URL with its external location's credential.
    stores: { file: new LocalObjectStore(), memory: new MemoryObjectStore() },
    // Issue 6: queries, writes, views, functions, row filters and masks run on DuckDB here.
    statementHandlers: engineHandlers(new DuckDbEngine()),
    sts: new AwsSts(config.credentials),
  });
  return { services, handle, adminToken: boot.adminToken };
}

/**
 * Writes the first admin token to $LAKEWARD_HOME/admin-token (mode 0600) and returns the
 * text to print once (issue 2 §3).
 */
export function saveAdminToken(config: Config, token: string): string {
  mkdirSync(config.home, { recursive: true });
  const file = join(config.home, "admin-token");
  writeFileSync(file, token + "\n", { mode: 0o600 });
  return `Created metastore admin '${config.adminUserName}'. Its personal access token (shown once, also in ${file}):\n${token}\n`;
}

/** Serves the app over HTTP; resolves once listening. */
export function listen(runtime: Runtime, port: number): Promise<{ server: ServerType; port: number }> {
  const app = createApp(runtime.services);
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, port }, (info) => resolve({ server, port: info.port }));
  });
}
