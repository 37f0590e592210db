import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../env";
import { authenticateBearer, type BearerAuthenticator } from "../../auth/authenticate";

/** Requires `Authorization: Bearer <token>` and sets the request principal. */
export function authenticate(authenticators: readonly BearerAuthenticator[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set("principal", await authenticateBearer(c.req.header("authorization"), c.get("services"), authenticators));
    await next();
  };
}
