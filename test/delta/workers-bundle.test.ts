import { builtinModules } from "node:module";
import { fileURLToPath } from "node:url";
import { build, type Metafile } from "esbuild";
import { describe, expect, it } from "vitest";

/**
 * src/delta and the Worker-usable storage adapters must bundle for Cloudflare Workers: no
 * Node built-ins, and no code generation at runtime (workerd refuses `new WebAssembly.Module`
 * on bytes, `eval` and `new Function`; hyparquet-compressors' index compiles WebAssembly on
 * import, which is why src/delta/codecs.ts imports its pure-JS decoders one by one).
 * Conditions are wrangler's (workerd, worker, browser). src/delta is bundled for the
 * "neutral" platform (no package.json `browser` field swaps needed); the S3 adapter for
 * "browser", which is what wrangler uses — the AWS SDK swaps its Node runtime config for a
 * fetch-based one through the `browser` field.
 */
const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const NODE_BUILTINS = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);

/** Bundle `contents` (an entry module) and report what it pulled in. */
async function bundle(contents: string, platform: "neutral" | "browser"): Promise<{ code: string; metafile: Metafile }> {
  const result = await build({
    stdin: { contents, resolveDir: ROOT, sourcefile: "worker-entry.ts", loader: "ts" },
    bundle: true,
    write: false,
    format: "esm",
    platform,
    mainFields: platform === "neutral" ? ["module", "main"] : ["browser", "module", "main"],
    conditions: ["workerd", "worker", "browser"],
    // Leave built-ins external instead of failing the build, so the test can name them.
    external: [...NODE_BUILTINS],
    metafile: true,
    logLevel: "silent",
  });
  return { code: result.outputFiles[0]!.text, metafile: result.metafile };
}

function nodeImports(metafile: Metafile): string[] {
  const found = new Set<string>();
  for (const output of Object.values(metafile.outputs)) {
    for (const imp of output.imports) if (NODE_BUILTINS.has(imp.path) || imp.path.startsWith("node:")) found.add(imp.path);
  }
  return [...found].sort();
}

function runtimeCodegen(code: string): string[] {
  const patterns: [string, RegExp][] = [
    ["new WebAssembly.Module", /new\s+WebAssembly\.Module\s*\(/],
    ["WebAssembly.compile", /WebAssembly\.compile\s*\(/],
    ["WebAssembly.instantiate", /WebAssembly\.instantiate\s*\(/],
    ["eval(", /(^|[^.\w$])eval\s*\(/m],
    ["new Function(", /new\s+Function\s*\(/],
  ];
  return patterns.filter(([, re]) => re.test(code)).map(([name]) => name);
}

describe("Workers bundle", () => {
  it("src/delta bundles with no Node built-ins and no runtime code generation", async () => {
    const { code, metafile } = await bundle(`export * from "./src/delta/index";`, "neutral");
    expect(nodeImports(metafile)).toEqual([]);
    expect(runtimeCodegen(code)).toEqual([]);
    // The parquet reader and writer really are in it (not tree-shaken away).
    const inputs = Object.keys(metafile.inputs).join("\n");
    expect(inputs).toContain("hyparquet/src/");
    expect(inputs).toContain("hyparquet-writer/src/");
    expect(inputs).not.toMatch(/hyparquet-compressors\/src\/(index|compressors)\.js/);
  }, 60_000);

  it("the storage port and its Worker-usable adapters bundle the same way", async () => {
    const { code, metafile } = await bundle(
      [
        `export * from "./src/storage/object-store";`,
        `export * from "./src/storage/errors";`,
        `export * from "./src/storage/url";`,
        `export * from "./src/storage/paging";`,
        `export * from "./src/storage/memory";`,
        `export * from "./src/storage/resolver";`,
        `export * from "./src/storage/s3";`,
      ].join("\n"),
      "browser",
    );
    expect(nodeImports(metafile)).toEqual([]);
    expect(runtimeCodegen(code)).toEqual([]);
  }, 60_000);
});
