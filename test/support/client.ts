import type { Hono } from "hono";

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** A small HTTP client over the app's fetch handler (real Request/Response objects). */
export class ApiClient {
  constructor(
    private readonly app: Pick<Hono<any>, "request">,
    readonly token?: string,
  ) {}

  async call<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse<T>> {
    const init: RequestInit = { method, headers: { ...headers } };
    if (this.token) (init.headers as Record<string, string>).authorization = `Bearer ${this.token}`;
    if (body !== undefined) {
      (init.headers as Record<string, string>)["content-type"] ??= "application/json";
      init.body = typeof body === "string" ? body : JSON.stringify(body);
    }
    const res = await this.app.request(path, init);
    const text = await res.text();
    let parsed: any = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // keep text
    }
    return { status: res.status, body: parsed, headers: res.headers };
  }

  get<T = any>(path: string) {
    return this.call<T>("GET", path);
  }
  post<T = any>(path: string, body: unknown) {
    return this.call<T>("POST", path, body);
  }
  patch<T = any>(path: string, body: unknown) {
    return this.call<T>("PATCH", path, body);
  }
  delete<T = any>(path: string) {
    return this.call<T>("DELETE", path);
  }
}

/** Path under the Unity Catalog API. */
export const uc = (path: string) => `/api/2.1/unity-catalog${path}`;
