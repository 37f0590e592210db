import { createRoute, z } from "@hono/zod-openapi";
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "../../env";
import { routeGroup, asLakewardError } from "../../route-group";
import { ucError } from "../../uc-errors";
import { ok } from "../../schemas/common";
import { activationInfo, retrieveToken, type PublicCaller } from "../../../sharing/recipients/activation";
import { callMeta } from "./call";
import { clientIp } from "./client-ip";

const tags = ["Recipients"];
const CodeParam = z.object({ activation_url: z.string().openapi({ description: "The code at the end of the activation link." }) });
const ActivationInfo = z
  .object({ recipient_name: z.string(), activated: z.boolean(), expiration_time: z.number().int().nullable(), download_url: z.string() })
  .openapi("ActivationUrlInfo");
const Profile = z
  .object({ shareCredentialsVersion: z.literal(1), endpoint: z.string(), bearerToken: z.string(), expirationTime: z.string().optional() })
  .openapi("DeltaSharingProfile");

/**
 * The public activation endpoints (uc-semantics §5): no Lakeward credentials, the code in the
 * path is the secret. Mounted before the authenticated UC group, with UC's error format.
 */
export function sharingActivationApi(): OpenAPIHono<AppEnv> {
  const app = routeGroup();
  const caller = (c: Context<AppEnv>): PublicCaller => ({ ...callMeta(c), clientIp: clientIp(c, c.get("services").config.sharing.trustForwardedFor), origin: new URL(c.req.url).origin });
  const noStore = { "cache-control": "no-store" };
  app.openapi(
    createRoute({ method: "get", path: "/data_sharing_activation_info/{activation_url}", tags, summary: "Describe an activation link without using it", security: [], request: { params: CodeParam }, responses: ok(ActivationInfo) }),
    async (c) => c.json(await activationInfo(c.get("services"), c.req.valid("param").activation_url, caller(c)), 200, noStore),
  );
  app.openapi(
    createRoute({ method: "get", path: "/data_sharing_activation/{activation_url}", tags, summary: "Download the credential profile, once", security: [], request: { params: CodeParam }, responses: ok(Profile) }),
    async (c) => c.json(await retrieveToken(c.get("services"), c.req.valid("param").activation_url, caller(c)), 200, noStore),
  );
  app.onError((err, c) => {
    const { status, body } = ucError(asLakewardError(err));
    return c.json(body, status as 400);
  });
  return app;
}
