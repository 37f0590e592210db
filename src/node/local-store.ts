import { randomUUID } from "node:crypto";
import { constants as fsc } from "node:fs";
import { link, mkdir, open, readdir, rename, stat, unlink, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { alreadyExists, notFound, StorageError } from "../storage/errors";
import type { ByteRange, ListOptions, ListPage, ObjectMeta, ObjectStore } from "../storage/object-store";
import { checkRange, pageOfSorted } from "../storage/paging";
import { compareKeys, parseObjectUrl } from "../storage/url";

/**
 * Local-filesystem ObjectStore for `file:///abs/path` URLs (Node only; Workers have no fs).
 *
 * Atomicity: put() writes a temp file and renames it over the target (readers never see a
 * half-written object). putIfAbsent() writes a temp file and then `link()`s it to the target:
 * link fails with EEXIST when the target exists, so exactly one of several racing writers
 * creates it, and the object appears complete — which is what Delta requires of a commit
 * file (PROTOCOL.md "Commit Protocol"; rename-over would silently let the last writer win).
 */
export class LocalObjectStore implements ObjectStore {
  async get(url: string, range?: ByteRange): Promise<Uint8Array> {
    const path = toPath(url);
    const fh = await open(path, "r").catch((e) => Promise.reject(mapError(e, url)));
    try {
      const size = (await fh.stat()).size;
      let offset = 0;
      let length = size;
      if (range) {
        checkRange(range, size, url);
        offset = range.offset;
        length = Math.max(0, Math.min(range.length, size - offset));
      }
      const out = new Uint8Array(length);
      let read = 0;
      while (read < length) {
        const { bytesRead } = await fh.read(out, read, length - read, offset + read);
        if (bytesRead === 0) break;
        read += bytesRead;
      }
      return read === length ? out : out.subarray(0, read);
    } finally {
      await fh.close();
    }
  }

  async head(url: string): Promise<ObjectMeta> {
    const st = await stat(toPath(url)).catch((e) => Promise.reject(mapError(e, url)));
    if (!st.isFile()) throw notFound(url);
    return { url, size: st.size, lastModified: Math.floor(st.mtimeMs) };
  }

  async list(prefix: string, options: ListOptions = {}): Promise<ListPage> {
    const prefixPath = toPath(prefix);
    const found = new Map<string, ObjectMeta>();
    // Start at the deepest directory that contains every possible match.
    const root = prefixPath.endsWith("/") ? prefixPath.slice(0, -1) || "/" : dirname(prefixPath);
    await walk(root, prefixPath, found);
    const urls = [...found.keys()].sort(compareKeys);
    return pageOfSorted(urls, prefix, options, (u) => found.get(u)!);
  }

  async put(url: string, data: Uint8Array): Promise<void> {
    const path = toPath(url);
    const tmp = await writeTemp(path, data);
    try {
      await rename(tmp, path);
    } catch (e) {
      await unlink(tmp).catch(() => undefined);
      throw mapError(e, url);
    }
  }

  async putIfAbsent(url: string, data: Uint8Array): Promise<void> {
    const path = toPath(url);
    const tmp = await writeTemp(path, data);
    try {
      await link(tmp, path);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "EEXIST") throw alreadyExists(url, e);
      throw mapError(e, url);
    } finally {
      await unlink(tmp).catch(() => undefined);
    }
  }

  async delete(url: string): Promise<void> {
    await unlink(toPath(url)).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== "ENOENT") throw mapError(e, url);
    });
  }
}

/** `file:///a/b` → `/a/b` (raw: `%` stays literal, see object-store.ts). */
function toPath(url: string): string {
  const parsed = parseObjectUrl(url);
  if (parsed.scheme !== "file" || (parsed.authority !== "" && parsed.authority !== "localhost")) {
    throw new StorageError("STORAGE_UNSUPPORTED_URL", `not a file:/// URL: ${url}`, url);
  }
  return `/${parsed.key}`;
}

async function writeTemp(target: string, data: Uint8Array): Promise<string> {
  const dir = dirname(target);
  await mkdir(dir, { recursive: true });
  // Hidden name: Delta listings and data-file scans skip names starting with "."
  const tmp = join(dir, `.${randomUUID()}.tmp`);
  await writeFile(tmp, data, { flag: fsc.O_CREAT | fsc.O_EXCL | fsc.O_WRONLY });
  return tmp;
}

async function walk(dir: string, prefixPath: string, out: Map<string, ObjectMeta>): Promise<void> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return;
    throw mapError(e, `file://${dir}`);
  }
  await Promise.all(
    entries.map(async (entry) => {
      const path = dir === "/" ? `/${entry.name}` : `${dir}/${entry.name}`;
      if (entry.isDirectory()) {
        // Descend only where a match is still possible.
        if (`${path}/`.startsWith(prefixPath) || prefixPath.startsWith(`${path}/`)) {
          await walk(path, prefixPath, out);
        }
      } else if (entry.isFile() && path.startsWith(prefixPath)) {
        const st = await stat(path).catch(() => null);
        if (st) out.set(`file://${path}`, { url: `file://${path}`, size: st.size, lastModified: Math.floor(st.mtimeMs) });
      }
    }),
  );
}

function mapError(e: unknown, url: string): StorageError {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code === "ENOENT" || code === "EISDIR" || code === "ENOTDIR") return notFound(url, e);
  if (e instanceof StorageError) return e;
  return new StorageError("STORAGE_IO", `filesystem error on ${url}: ${String(e)}`, url, { cause: e });
}
