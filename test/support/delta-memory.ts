import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { MemoryObjectStore } from "../../src/storage/memory";

/** Load a directory tree (a test table) into a memory store under `destUrl`, keeping mtimes. */
export async function copyDirToMemory(store: MemoryObjectStore, srcDir: string, destUrl: string): Promise<void> {
  const walk = async (dir: string, rel: string): Promise<void> => {
    for (const e of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, e.name);
      if (e.isDirectory()) await walk(path, `${rel}${e.name}/`);
      else {
        const url = `${destUrl}/${rel}${e.name}`;
        await store.put(url, new Uint8Array(await readFile(path)));
        store.setLastModified(url, Math.floor((await stat(path)).mtimeMs));
      }
    }
  };
  await walk(srcDir, "");
}

export const utf8 = (s: string) => new TextEncoder().encode(s);
export const text = (b: Uint8Array) => new TextDecoder().decode(b);
