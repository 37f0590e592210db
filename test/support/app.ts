import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseConfig, type Config } from "../../src/config";
import { createApp } from "../../src/app";
import { prepareRuntime } from "../../src/node/start";
import { systemClock, type Clock } from "../../src/clock";
import type { Services } from "../../src/services";
import type { DbHandle } from "../../src/db/types";
import { insertPrincipal } from "../../src/auth/principals";
import { issueAccessToken } from "../../src/auth/access-tokens";
import { createTestDb } from "./db";
import { ApiClient } from "./client";

export interface TestApp {
  app: ReturnType<typeof createApp>;
  services: Services;
  handle: DbHandle;
  config: Config;
  /** Client authenticated as the bootstrap metastore admin. */
  admin: ApiClient;
  /** Client with any token (or none). */
  client(token?: string): ApiClient;
  /** Creates a user with a token and returns a client for it. */
  user(name: string): Promise<ApiClient & { principalId: string; token: string }>;
  /** Creates a group (optionally with members by principal id). */
  group(name: string, memberIds?: string[]): Promise<string>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  clock?: Clock;
  env?: Record<string, string>;
}

/** A whole Lakeward (migrated, bootstrapped) on a fresh test database, served in-process. */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const home = mkdtempSync(join(tmpdir(), "lakeward-test-"));
  const config = parseConfig({ LAKEWARD_HOME: home, ...options.env });
  const handle = await createTestDb();
  const runtime = await prepareRuntime(config, handle, options.clock ?? systemClock);
  const app = createApp(runtime.services);
  const client = (token?: string) => new ApiClient(app, token);
  const services = runtime.services;
  return {
    app,
    services,
    handle,
    config,
    admin: client(runtime.adminToken),
    client,
    user: async (name) => {
      const row = await insertPrincipal(services.db, { kind: "user", name }, services.clock.now());
      const { token } = await issueAccessToken(services.db, { principalId: row.id }, services.clock.now());
      return Object.assign(client(token), { principalId: row.id, token });
    },
    group: async (name, memberIds = []) => {
      const { addGroupMembers } = await import("./groups");
      const row = await insertPrincipal(services.db, { kind: "group", name }, services.clock.now());
      await addGroupMembers(services, row.id, memberIds);
      return row.id;
    },
    close: () => handle.close(),
  };
}
