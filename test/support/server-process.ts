import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const root = new URL("../..", import.meta.url).pathname;

export interface ServerProcess {
  url: string;
  home: string;
  /** The bootstrap admin token, when this process created the metastore. */
  adminToken(): string | undefined;
  stop(): Promise<void>;
}

/** Starts `lakeward serve` (the real CLI) as its own process and waits until it listens. */
export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const home = mkdtempSync(join(tmpdir(), "lakeward-proc-"));
  const port = 20000 + Math.floor(Math.random() * 30000);
  const proc: ChildProcess = spawn(process.execPath, ["--import", "tsx", join(root, "src/entry/node.ts"), "serve"], {
    cwd: root,
    env: { ...process.env, ...env, PORT: String(port), LAKEWARD_HOME: home },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  proc.stdout!.on("data", (d) => (log += d));
  proc.stderr!.on("data", (d) => (log += d));
  const deadline = Date.now() + 60_000;
  while (!/listening on/.test(log)) {
    if (proc.exitCode !== null || Date.now() > deadline) throw new Error(`server did not start:\n${log}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url: `http://127.0.0.1:${port}`,
    home,
    adminToken: () => {
      const file = join(home, "admin-token");
      return existsSync(file) ? readFileSync(file, "utf8").trim() : undefined;
    },
    stop: async () => {
      proc.kill("SIGTERM");
      await new Promise((r) => proc.once("exit", r));
    },
  };
}
