import type { Context } from "hono";
import type { Principal, RequestContext } from "../context";
import type { Services } from "../services";

/** Per-request values that middleware hands to routes. */
export type AppEnv = {
  Variables: {
    requestId: string;
    principal: Principal;
    services: Services;
  };
};

/** Builds the verb context of a request (DESIGN §3.1). */
export function requestContext(c: Context<AppEnv>): RequestContext {
  return {
    requestId: c.get("requestId"),
    principal: c.get("principal"),
    services: c.get("services"),
    sourceIp: sourceIp(c),
    userAgent: c.req.header("user-agent"),
  };
}

function sourceIp(c: Context<AppEnv>): string | undefined {
  const forwarded = c.req.header("x-forwarded-for")?.split(",")[0]?.trim();
  if (forwarded) return forwarded;
  const cf = c.req.header("cf-connecting-ip");
  if (cf) return cf;
  // @hono/node-server exposes the socket on env.incoming.
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress;
}
