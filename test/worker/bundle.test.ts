import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const root = new URL("../..", import.meta.url).pathname;

/** Modules the Workers runtime provides (nodejs_compat) or that wrangler bundles as text. */
const ALLOWED_EXTERNAL = /^(node:(buffer|stream|events|crypto|util|process|async_hooks|string_decoder)|buffer|cloudflare:sockets|\.\/[0-9a-f]+-model\.conf)$/;
const NODE_ONLY = /(^|\/)src\/node\/|@electric-sql\/pglite|@duckdb|src\/entry\/node\.ts/;

describe("Workers bundle", () => {
  it("wrangler deploy --dry-run bundles no Node-only module", () => {
    const out = mkdtempSync(join(tmpdir(), "lakeward-worker-"));
    execFileSync("npx", ["wrangler", "deploy", "--dry-run", "--outdir", out, "--metafile", join(out, "meta.json")], {
      cwd: root,
      env: { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "1" },
      stdio: "pipe",
    });
    const meta = JSON.parse(readFileSync(join(out, "meta.json"), "utf8")) as {
      inputs: Record<string, unknown>;
      outputs: Record<string, { imports?: { path: string; external?: boolean }[] }>;
    };
    const inputs = Object.keys(meta.inputs);
    expect(inputs.some((p) => p.includes("src/app.ts"))).toBe(true);
    expect(inputs.filter((p) => NODE_ONLY.test(p))).toEqual([]);
    const externals = Object.values(meta.outputs).flatMap((o) => (o.imports ?? []).filter((i) => i.external).map((i) => i.path));
    expect(externals.filter((p) => !ALLOWED_EXTERNAL.test(p))).toEqual([]);
  }, 120_000);
});
