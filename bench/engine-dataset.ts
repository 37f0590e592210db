/**
 * The engine benchmark's table: `rows` synthetic orders written as parquet by DuckDB into a temp
 * directory, then registered as a Delta table with our writer (createTable + appendFiles with
 * numRecords/min/max/nullCount stats), exactly as an external engine would have left it.
 */
import { mkdtemp, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { LocalObjectStore } from "../src/node/local-store";
import { appendFiles, createTable, type NewDataFile } from "../src/delta/writer";
import type { StructType } from "../src/delta/schema";

export interface BenchTable {
  root: string;
  url: string;
  files: string[];
}

const SCHEMA: StructType = {
  kind: "struct",
  fields: [
    { name: "id", type: { kind: "primitive", name: "long" }, nullable: false, metadata: {} },
    { name: "region", type: { kind: "primitive", name: "string" }, nullable: true, metadata: {} },
    { name: "email", type: { kind: "primitive", name: "string" }, nullable: true, metadata: {} },
    { name: "ssn", type: { kind: "primitive", name: "string" }, nullable: true, metadata: {} },
    { name: "amount", type: { kind: "primitive", name: "double" }, nullable: true, metadata: {} },
  ],
};

/** Writes `rows` rows in `fileCount` parquet files and commits them as one Delta table. */
export async function createBenchTable(rows: number, fileCount: number): Promise<BenchTable> {
  const root = await mkdtemp(join(tmpdir(), "lakeward-bench-engine-"));
  const dir = join(root, "orders");
  const url = `file://${dir}`;
  const store = new LocalObjectStore();
  await createTable(store, url, { schema: SCHEMA });
  const instance = await DuckDBInstance.create(":memory:");
  const conn = await instance.connect();
  const per = Math.ceil(rows / fileCount);
  const added: NewDataFile[] = [];
  const files: string[] = [];
  for (let k = 0; k < fileCount; k++) {
    const name = `part-${String(k).padStart(5, "0")}.snappy.parquet`;
    const path = join(dir, name);
    const from = k * per;
    const to = Math.min(rows, from + per);
    await conn.run(`COPY (
      SELECT i AS id,
             ['US','EU','APAC','LATAM','MEA','CA','UK','JP'][(i % 8) + 1] AS region,
             'user' || i || '@' || ['example.com','corp.test','mail.test'][(i % 3) + 1] AS email,
             lpad(CAST(i % 1000 AS VARCHAR), 3, '0') || '-' || lpad(CAST(i % 100 AS VARCHAR), 2, '0') || '-' || lpad(CAST(i % 10000 AS VARCHAR), 4, '0') AS ssn,
             (i % 10007) / 100.0 AS amount
      FROM range(${from}, ${to}) t(i)) TO '${path}' (FORMAT parquet, COMPRESSION snappy)`);
    const [s] = (await conn.runAndReadAll(`SELECT count(*), min(id), max(id), min(amount), max(amount) FROM read_parquet('${path}')`)).getRowsJson();
    added.push({
      path: name,
      size: (await stat(path)).size,
      stats: { numRecords: Number(s![0]), minValues: { id: Number(s![1]), amount: Number(s![3]) }, maxValues: { id: Number(s![2]), amount: Number(s![4]) }, nullCount: { id: 0, region: 0, email: 0, ssn: 0, amount: 0 } },
    });
    files.push(path);
  }
  conn.closeSync();
  instance.closeSync();
  await appendFiles(store, url, added);
  return { root, url, files };
}
