import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Hono } from "hono";
import { TestDuckDb } from "./delta-duckdb";

/**
 * What a Delta Sharing client does with a query answer: download every file URL (Lakeward's
 * signed URLs, served in-process) and read the parquet — here with DuckDB, an independent
 * reader — to count rows.
 */
export class SharingReader {
  private constructor(
    private readonly app: Pick<Hono<any>, "request">,
    private readonly duck: TestDuckDb,
    private readonly dir: string,
  ) {}

  static async open(app: Pick<Hono<any>, "request">): Promise<SharingReader> {
    return new SharingReader(app, await TestDuckDb.open(), await mkdtemp(join(tmpdir(), "lakeward-reader-")));
  }

  /** Downloads a signed URL to a temp file; returns its file:// URL. */
  async download(url: string): Promise<string> {
    const res = await this.app.request(url.replace(/^https?:\/\/[^/]+/, ""));
    if (res.status !== 200) throw new Error(`download ${res.status}: ${await res.text()}`);
    const path = join(this.dir, `${crypto.randomUUID()}.parquet`);
    await writeFile(path, new Uint8Array(await res.arrayBuffer()));
    return `file://${path}`;
  }

  /** Rows of every file line (`file`, `add`, `cdf`, `remove`), downloaded and counted. */
  async countRows(urls: string[]): Promise<number> {
    const local = [];
    for (const u of urls) local.push(await this.download(u));
    return this.duck.countRows(local);
  }

  async rows(url: string): Promise<Record<string, unknown>[]> {
    return this.duck.rows(await this.download(url));
  }

  close(): Promise<void> {
    return rm(this.dir, { recursive: true, force: true });
  }
}

/** URL of a parquet or delta file line. */
export function urlOf(line: any): string {
  const body = line.file ?? line.add ?? line.cdf ?? line.remove;
  if (body?.deltaSingleAction) {
    const a = body.deltaSingleAction;
    return (a.add ?? a.remove ?? a.cdc).path;
  }
  return body.url;
}
