import type { Context } from "hono";
import type { AppEnv } from "../../env";

/**
 * The client address recipient IP access lists are checked against. Unlike the audit log's
 * source IP it must not be spoofable: the socket's peer on Node, Cloudflare's
 * cf-connecting-ip on Workers (where there is no socket and Cloudflare sets the header), and
 * the last X-Forwarded-For hop only when the deployment says a proxy sets it
 * (LAKEWARD_SHARING_TRUST_FORWARDED_FOR).
 */
export function clientIp(c: Context<AppEnv>, trustForwardedFor: boolean): string | undefined {
  if (trustForwardedFor) {
    const hops = c.req.header("x-forwarded-for")?.split(",").map((h) => h.trim()).filter(Boolean);
    if (hops && hops.length > 0) return hops[hops.length - 1];
  }
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  if (incoming) return incoming.socket?.remoteAddress;
  return c.req.header("cf-connecting-ip") ?? undefined;
}
