import type { Context, Hono } from "hono";
import type { AppEnv } from "../../env";
import { isStorageError } from "../../../storage/errors";
import { LakewardError } from "../../../errors";
import { openSharedFile } from "../../../sharing/files/open-file";
import { auditSharing } from "../../../sharing/protocol/audit";
import { callMeta } from "./call";

/**
 * GET/HEAD /delta-sharing/files/{token}/{f|d}/{path}: Lakeward's signed URLs for tables on
 * storage that cannot pre-sign (file://), with HTTP range requests. No bearer token: the URL is
 * the credential. Refusals are audited (deltaSharingDownloadFile); downloads are not, like
 * reads of S3 pre-signed URLs, which never reach us.
 */
export function fileRoutes(app: Hono<AppEnv>): void {
  app.get("/files/:token/:kind/*", async (c) => {
    const services = c.get("services");
    const prefix = `/files/${c.req.param("token")}/${c.req.param("kind")}/`;
    const raw = new URL(c.req.url).pathname;
    const segments = raw.slice(raw.indexOf(prefix) + prefix.length).split("/").map(decodeSegment);
    try {
      const opened = await openSharedFile(services, c.req.param("token"), c.req.param("kind"), segments);
      return await serve(c, opened.objectUrl);
    } catch (err) {
      await auditSharing(services, callMeta(c), { action: "deltaSharingDownloadFile", details: { kind: c.req.param("kind") }, err });
      throw err;
    }
  });
}

function decodeSegment(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return "\u0000"; // malformed escapes are refused like traversal
  }
}

/** Serves an object whole (200) or one byte range (206); an unsatisfiable range is a 416. */
async function serve(c: Context<AppEnv>, objectUrl: string): Promise<Response> {
  const store = c.get("services").storage;
  const meta = await store.head(objectUrl).catch((err) => {
    if (isStorageError(err, "STORAGE_NOT_FOUND")) throw new LakewardError("NOT_FOUND", "The file no longer exists in storage.");
    throw err;
  });
  const headers = new Headers({ "accept-ranges": "bytes", "content-type": "application/octet-stream", "cache-control": "private, no-store" });
  const range = parseRange(c.req.header("range"), meta.size);
  if (range === "invalid") {
    headers.set("content-range", `bytes */${meta.size}`);
    return new Response(null, { status: 416, headers });
  }
  const head = c.req.method === "HEAD";
  if (!range) {
    headers.set("content-length", String(meta.size));
    return new Response(head ? null : (await store.get(objectUrl)) as Uint8Array<ArrayBuffer>, { status: 200, headers });
  }
  headers.set("content-length", String(range.length));
  headers.set("content-range", `bytes ${range.offset}-${range.offset + range.length - 1}/${meta.size}`);
  return new Response(head ? null : (await store.get(objectUrl, range)) as Uint8Array<ArrayBuffer>, { status: 206, headers });
}

/**
 * One `bytes=` range (RFC 9110 §14.1.2): `a-b`, `a-` or the suffix `-n`. Several ranges are
 * answered with the whole object, which the RFC allows.
 */
export function parseRange(header: string | undefined, size: number): { offset: number; length: number } | "invalid" | undefined {
  if (!header) return undefined;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m) return header.includes(",") ? undefined : "invalid";
  const [, from, to] = m;
  if (from === "" && to === "") return "invalid";
  if (from === "") {
    const n = Math.min(Number(to), size);
    return n === 0 ? "invalid" : { offset: size - n, length: n };
  }
  const start = Number(from);
  const end = to === "" ? size - 1 : Math.min(Number(to), size - 1);
  if (start >= size || end < start) return "invalid";
  return { offset: start, length: end - start + 1 };
}
