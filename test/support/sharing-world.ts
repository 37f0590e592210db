import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestApp } from "./app";
import { uc } from "./client";
import { registerStorage } from "./locations";
import { expectedOf, setCommitMtimes, TESTDATA_DIR } from "./delta-testdata";
import { SharingClient } from "./sharing-client";

/** The shared test tables registered by `sharingWorld`, by catalog table name → test table. */
export const WORLD_TABLES = {
  basic: "dat-basic-append",
  multi: "dat-multi-partitioned",
  cdf: "kernel-cdf-table-partitioned",
  cdf_simple: "kernel-cdf-table-simple",
  travel: "golden-time-travel-start-start20-start40",
  dv: "kernel-table-with-dv-small",
  ict: "drs-cdc-ict-table",
  /** Column mapping (mode name, minReaderVersion 2): physical column names differ from logical ones. */
  colmap: "golden-table-with-columnmapping-mode-name",
  /** A second copy of dat-basic-append that tests append to. */
  appended: "dat-basic-append",
} as const;

export interface SharingWorld {
  root: string;
  /** file:// URL of each registered table. */
  urls: Record<keyof typeof WORLD_TABLES, string>;
  cleanup(): Promise<void>;
}

/**
 * Copies the shared Delta tables to a temp dir (commit mtimes restored where expected.json has
 * them), registers the dir as an external location, and registers each table as an EXTERNAL
 * Delta table `lake.delta.<name>` owned by the admin.
 */
export async function sharingWorld(t: TestApp, names: (keyof typeof WORLD_TABLES)[] = Object.keys(WORLD_TABLES) as (keyof typeof WORLD_TABLES)[]): Promise<SharingWorld> {
  const root = await mkdtemp(join(tmpdir(), "lakeward-sharing-"));
  await registerStorage(t, [`file://${root}`], { prefix: "sharing" });
  await t.admin.post(uc("/catalogs"), { name: "lake" });
  await t.admin.post(uc("/schemas"), { name: "delta", catalog_name: "lake" });
  const urls = {} as SharingWorld["urls"];
  for (const name of names) {
    const source = WORLD_TABLES[name];
    const dir = join(root, name);
    await cp(join(TESTDATA_DIR, source, "delta"), dir, { recursive: true });
    const mtimes = expectedOf(source).timestamps?.generatorCommitFileMtimes;
    if (mtimes) await setCommitMtimes(dir, mtimes);
    urls[name] = `file://${dir}`;
    const res = await t.admin.post(uc("/tables"), { name, catalog_name: "lake", schema_name: "delta", table_type: "EXTERNAL", data_source_format: "DELTA", storage_location: urls[name] });
    if (res.status !== 200) throw new Error(`register ${name}: ${JSON.stringify(res.body)}`);
  }
  return { root, urls, cleanup: () => rm(root, { recursive: true, force: true }) };
}

/**
 * Creates an open-sharing recipient through the REST API, downloads its profile through the
 * public activation link, and returns a protocol client holding its bearer token.
 */
export async function activatedRecipient(t: TestApp, name: string, body: Record<string, unknown> = {}): Promise<{ client: SharingClient; profile: any; info: any }> {
  const created = await t.admin.post(uc("/recipients"), { name, ...body });
  if (created.status !== 200) throw new Error(`recipient ${name}: ${JSON.stringify(created.body)}`);
  const code = String(created.body.activation_url).split("/").pop()!;
  const profile = await t.client().get(`/api/2.1/unity-catalog/public/data_sharing_activation/${code}`);
  if (profile.status !== 200) throw new Error(`activation ${name}: ${JSON.stringify(profile.body)}`);
  return { client: new SharingClient(t.app, profile.body.bearerToken), profile: profile.body, info: created.body };
}

/** Creates a share with data objects (PATCH updates) and grants it to recipients. */
export async function shareWith(t: TestApp, share: string, objects: Record<string, unknown>[], recipients: string[]): Promise<void> {
  const created = await t.admin.post(uc("/shares"), { name: share });
  if (created.status !== 200) throw new Error(`share ${share}: ${JSON.stringify(created.body)}`);
  if (objects.length) {
    const res = await t.admin.patch(uc(`/shares/${share}`), { updates: objects.map((o) => ({ action: "ADD", data_object: o })) });
    if (res.status !== 200) throw new Error(`share ${share} objects: ${JSON.stringify(res.body)}`);
  }
  if (recipients.length) {
    const res = await t.admin.patch(uc(`/shares/${share}/permissions`), { changes: recipients.map((r) => ({ principal: r, add: ["SELECT"] })) });
    if (res.status !== 200) throw new Error(`grant ${share}: ${JSON.stringify(res.body)}`);
  }
}
