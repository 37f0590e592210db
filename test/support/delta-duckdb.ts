import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";

/**
 * DuckDB, for tests only: an independent parquet reader to check that the files our snapshot
 * names hold the expected rows. The library itself never imports DuckDB.
 */
export class TestDuckDb {
  private constructor(private readonly conn: DuckDBConnection) {}

  static async open(): Promise<TestDuckDb> {
    const db = await DuckDBInstance.create(":memory:");
    return new TestDuckDb(await db.connect());
  }

  /** Rows in these parquet files (file:// URLs), ignoring deletion vectors. */
  async countRows(urls: string[]): Promise<number> {
    if (urls.length === 0) return 0;
    const r = await this.conn.runAndReadAll(`SELECT count(*) AS n FROM read_parquet(${list(urls)}, union_by_name = true)`);
    return Number(r.getRowObjects()[0]!.n);
  }

  /** All rows of one file as JSON-ish objects, with the 0-based row number. */
  async rows(url: string): Promise<Record<string, unknown>[]> {
    const r = await this.conn.runAndReadAll(`SELECT *, file_row_number AS __row FROM read_parquet(${list([url])}, file_row_number = true) ORDER BY __row`);
    return r.getRowObjectsJson() as Record<string, unknown>[];
  }

  /** Column names of a parquet file. */
  async columns(url: string): Promise<{ name: string; type: string }[]> {
    const r = await this.conn.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet(${list([url])})`);
    return r.getRowObjectsJson().map((o) => ({ name: String(o.column_name), type: String(o.column_type) }));
  }

  async query(sql: string): Promise<Record<string, unknown>[]> {
    return (await this.conn.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[];
  }
}

function list(urls: string[]): string {
  return `[${urls.map((u) => `'${toPath(u).replace(/'/g, "''")}'`).join(", ")}]`;
}

/** file:///a/b → /a/b (raw; our file URLs are never percent-encoded). */
export function toPath(url: string): string {
  if (!url.startsWith("file://")) throw new Error(`not a file URL: ${url}`);
  return url.slice("file://".length);
}
