/**
 * Baseline for bench/uc-get-table.ts: a bare Hono route that does one postgres.js select of
 * the same row and returns it as JSON — the floor any catalog service pays.
 */
import { Hono } from "hono";
import { serve } from "@hono/node-server";
import postgres from "postgres";

const [url, port] = [process.argv[2]!, Number(process.argv[3])];
const sql = postgres(url, { max: 10, prepare: true });
const app = new Hono();
app.get("/tables/:full_name", async (c) => {
  const rows = await sql`select id, name, full_name, owner_id, comment, properties, storage_location, created_at
                         from securables where type = 'table' and full_name = ${c.req.param("full_name")}`;
  return rows[0] ? c.json(rows[0]) : c.json({ error_code: "TABLE_NOT_FOUND" }, 404);
});
serve({ fetch: app.fetch, port }, () => process.stdout.write("ready\n"));
