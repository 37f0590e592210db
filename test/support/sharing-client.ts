import type { Hono } from "hono";

/** A protocol answer as a client sees it: raw text, parsed JSON or NDJSON lines, headers. */
export interface SharingResponse {
  status: number;
  headers: Headers;
  text: string;
  /** The body as one JSON value (lists, errors), or undefined. */
  json: any;
  /** The body as NDJSON lines, parsed. */
  lines: any[];
}

/**
 * A Delta Sharing client over the app's fetch handler, speaking like the Python and Spark
 * clients: `Authorization: Bearer`, optional `delta-sharing-capabilities`.
 */
export class SharingClient {
  constructor(
    private readonly app: Pick<Hono<any>, "request">,
    readonly token: string | undefined,
    readonly prefix = "/delta-sharing",
  ) {}

  async call(method: string, path: string, options: { body?: unknown; headers?: Record<string, string> } = {}): Promise<SharingResponse> {
    const headers: Record<string, string> = { ...options.headers };
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    const init: RequestInit = { method, headers };
    if (options.body !== undefined) {
      headers["content-type"] = "application/json";
      init.body = typeof options.body === "string" ? options.body : JSON.stringify(options.body);
    }
    const res = await this.app.request(path.startsWith("http") || path.startsWith("/delta-sharing/files") ? path : this.prefix + path, init);
    const text = await res.text();
    let json: any;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    const lines = text.split("\n").filter((l, i, all) => !(l === "" && i === all.length - 1)).map((l) => {
      try {
        return JSON.parse(l);
      } catch {
        return { unparseable: l };
      }
    });
    return { status: res.status, headers: res.headers, text, json, lines };
  }

  get(path: string, headers?: Record<string, string>) {
    return this.call("GET", path, { headers });
  }
  head(path: string) {
    return this.call("HEAD", path);
  }
  query(table: string, body: unknown = {}, headers?: Record<string, string>) {
    return this.call("POST", `${table}/query`, { body, headers });
  }
}

/** Checks the wire rules every NDJSON answer must follow (digest A.8, A.13). */
export function assertNdjsonShape(text: string): void {
  if (!text.endsWith("\n")) throw new Error("NDJSON must end with a newline");
  const lines = text.slice(0, -1).split("\n");
  for (const [i, l] of lines.entries()) {
    if (l.trim() === "") throw new Error(`blank line ${i + 1}`);
    const v = JSON.parse(l);
    if (Object.keys(v).length !== 1) throw new Error(`line ${i + 1} has ${Object.keys(v).length} keys`);
    if (JSON.stringify(v) !== l) throw new Error(`line ${i + 1} is not compact JSON`);
  }
}
