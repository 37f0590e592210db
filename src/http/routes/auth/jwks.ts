import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../env";
import { routeGroup } from "../../../app";

const Jwks = z.object({ keys: z.array(z.object({ kty: z.string(), kid: z.string(), alg: z.string(), use: z.string() }).passthrough()) }).openapi("JsonWebKeySet");

/** `GET /.well-known/jwks.json`: public halves of Lakeward's signing keys, for verifiers. */
export function jwksApi(): OpenAPIHono<AppEnv> {
  const api = routeGroup();
  api.openapi(
    createRoute({ method: "get", path: "/jwks.json", tags: ["Auth"], summary: "Lakeward's JWT verification keys", security: [], responses: { 200: { description: "Key set", content: { "application/json": { schema: Jwks } } } } }),
    async (c) => {
      const store = c.get("services").identity.keys;
      await store.signingKey(); // the first key is made on first use; publish it from the start
      const keys = await store.publicJwks();
      // Only public members: a JWK's private parts (d, p, q, dp, dq, qi, k) never leave the server.
      const publicOnly = keys.map(({ d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, k: _k, ...rest }) => rest);
      return c.json({ keys: publicOnly } as never, 200, { "Cache-Control": "public, max-age=300" });
    },
  );
  return api;
}
