import { rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { connectPglite } from "../src/node/pglite";
import { applyMigrations } from "../src/db/migrate";
import { migrations } from "../schema/migrations.gen";

/**
 * Starting PGlite runs initdb, which takes seconds; loading a data folder does not. Build one
 * migrated template per run and let each test file start from a copy of it.
 */
export default async function setup(project: TestProject): Promise<(() => void) | void> {
  if (process.env.LAKEWARD_TEST_DATABASE_URL) return;
  const handle = await connectPglite();
  await applyMigrations(handle.db, migrations);
  const dump = await handle.pglite.dumpDataDir("none");
  const file = join(tmpdir(), `lakeward-pglite-template-${process.pid}.tar`);
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  await handle.close();
  project.provide("pgliteTemplate", file);
  return () => rmSync(file, { force: true });
}

declare module "vitest" {
  export interface ProvidedContext {
    pgliteTemplate?: string;
  }
}
