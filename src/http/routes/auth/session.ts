import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../env";
import { requestContext } from "../../env";
import { routeGroup, asLakewardError } from "../../../app";
import { authenticate } from "../../middleware/authenticate";
import type { BearerAuthenticator } from "../../../auth/authenticate";
import { logout, rotateSigningKey } from "../../../auth/sessions";
import { ucError } from "../../uc-errors";
import { EmptyBody, ok } from "../../schemas/common";

/**
 * `POST /auth/logout` and `POST /auth/signing-keys/rotate` under the control plane, with
 * Unity Catalog's error format. Authentication is per route: `/auth/tokens`, beside them,
 * must stay open.
 */
export function sessionApi(authenticators: readonly BearerAuthenticator[]): OpenAPIHono<AppEnv> {
  const api = routeGroup();
  const auth = authenticate(authenticators);
  api.openapi(
    createRoute({ method: "post", path: "/logout", tags: ["Auth"], summary: "Revoke the Lakeward token this request carries", middleware: [auth] as const, responses: ok(EmptyBody) }),
    async (c) => {
      const token = c.req.header("authorization")?.replace(/^Bearer\s+/i, "").trim() ?? "";
      await logout({ ctx: requestContext(c), input: { token } });
      return c.json({}, 200);
    },
  );
  api.openapi(
    createRoute({
      method: "post",
      path: "/signing-keys/rotate",
      tags: ["Auth"],
      summary: "Rotate Lakeward's JWT signing key (metastore admins)",
      middleware: [auth] as const,
      responses: ok(z.object({ kid: z.string() }).openapi("RotatedKey")),
    }),
    async (c) => c.json(await rotateSigningKey({ ctx: requestContext(c) }), 200),
  );
  api.onError((err, c) => {
    const { status, body } = ucError(asLakewardError(err));
    return c.json(body, status as 400);
  });
  return api;
}
