import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../env";

/** Gives every request an id (or keeps a sane one the caller sent) and echoes it. */
export const requestId: MiddlewareHandler<AppEnv> = async (c, next) => {
  const sent = c.req.header("x-request-id");
  const id = sent && /^[\w.-]{1,64}$/.test(sent) ? sent : crypto.randomUUID();
  c.set("requestId", id);
  c.header("x-request-id", id);
  await next();
};
