import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";

export interface SqlCliEnv {
  env: Record<string, string | undefined>;
  fetch: typeof fetch;
  out: (text: string) => void;
}

const HELP = `usage: lakeward sql [--url URL] [--token TOKEN] [--catalog C] [--schema S] "STATEMENT; ..."
Runs statements through a Lakeward server's SQL statement API and prints the last result.
Defaults: --url http://localhost:$PORT (8080), --token $LAKEWARD_TOKEN or $LAKEWARD_HOME/admin-token.`;

/** `lakeward sql ...`: returns the exit code (0 ok, 1 statement failed, 2 usage). */
export async function runSqlCli(argv: string[], io: SqlCliEnv): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { url: { type: "string" }, token: { type: "string" }, catalog: { type: "string" }, schema: { type: "string" }, help: { type: "boolean" } } });
  } catch (err) {
    io.out(`${(err as Error).message}\n${HELP}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help || positionals.length === 0) {
    io.out(HELP + "\n");
    return values.help ? 0 : 2;
  }
  const url = values.url ?? io.env.LAKEWARD_URL ?? `http://localhost:${io.env.PORT ?? 8080}`;
  const token = values.token ?? io.env.LAKEWARD_TOKEN ?? readTokenFile(io.env.LAKEWARD_HOME ?? ".lakeward");
  if (!token) {
    io.out("No token: pass --token, set LAKEWARD_TOKEN, or run where $LAKEWARD_HOME/admin-token exists.\n");
    return 2;
  }
  const res = await io.fetch(`${url.replace(/\/+$/, "")}/api/2.0/sql/statements`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({ statement: positionals.join(" "), catalog: values.catalog, schema: values.schema }),
  });
  const body = (await res.json()) as { status?: { state: string; error?: { message: string } }; manifest?: { schema: { columns: { name: string }[] } }; result?: { data_array: (string | null)[][] }; message?: string };
  if (!res.ok || !body.status) {
    io.out(`error: ${body.message ?? res.statusText}\n`);
    return 1;
  }
  if (body.status.state !== "SUCCEEDED") {
    io.out(`${body.status.error?.message ?? body.status.state}\n`);
    return 1;
  }
  const columns = body.manifest?.schema.columns.map((c) => c.name) ?? [];
  io.out(columns.length ? formatTable(columns, body.result?.data_array ?? []) : "OK\n");
  return 0;
}

function readTokenFile(home: string): string | undefined {
  const file = join(home, "admin-token");
  return existsSync(file) ? readFileSync(file, "utf8").trim() : undefined;
}

/** A plain text table, like a SQL shell prints. */
export function formatTable(columns: string[], rows: (string | null)[][]): string {
  const cells = rows.map((r) => r.map((v) => (v === null ? "NULL" : v)));
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((r) => (r[i] ?? "").length)));
  const line = (values: string[]) => values.map((v, i) => v.padEnd(widths[i]!)).join(" | ").trimEnd();
  return [line(columns), widths.map((w) => "-".repeat(w)).join("-+-"), ...cells.map(line), `(${rows.length} row${rows.length === 1 ? "" : "s"})`, ""].join("\n");
}
