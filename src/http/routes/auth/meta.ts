import type { Context } from "hono";
import type { AppEnv } from "../../env";
import type { RequestMeta } from "../../../auth/sign-in-audit";

/** Audit facts of a request that is not authenticated yet (sign-in endpoints). */
export function requestMeta(c: Context<AppEnv>): RequestMeta {
  const forwarded = c.req.header("x-forwarded-for")?.split(",")[0]?.trim() || c.req.header("cf-connecting-ip");
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return { requestId: c.get("requestId"), sourceIp: forwarded ?? incoming?.socket?.remoteAddress, userAgent: c.req.header("user-agent") };
}

/**
 * Client credentials from `Authorization: Basic` (RFC 6749 §2.3.1: each part form-encoded
 * before base64), or undefined when the header is absent or not Basic.
 */
export function basicCredentials(header: string | undefined): { clientId: string; clientSecret: string } | "malformed" | undefined {
  const match = header?.match(/^Basic\s+([A-Za-z0-9+/=_-]+)\s*$/i);
  if (!header || !/^Basic\s/i.test(header)) return undefined;
  if (!match) return "malformed";
  let decoded: string;
  try {
    decoded = new TextDecoder("utf-8", { fatal: true }).decode(Uint8Array.from(atob(match[1]!.replace(/-/g, "+").replace(/_/g, "/")), (ch) => ch.charCodeAt(0)));
  } catch {
    return "malformed";
  }
  const colon = decoded.indexOf(":");
  if (colon < 0) return "malformed";
  const unform = (s: string) => {
    try {
      return decodeURIComponent(s.replace(/\+/g, " "));
    } catch {
      return s;
    }
  };
  return { clientId: unform(decoded.slice(0, colon)), clientSecret: unform(decoded.slice(colon + 1)) };
}
