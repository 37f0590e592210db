import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../env";
import { requestContext } from "../../env";
import { jsonBody, ok } from "../../schemas/common";
import { TABLE_OPERATIONS, generateTemporaryTableCredentials } from "../../../credentials/table-credentials";
import { VOLUME_OPERATIONS, generateTemporaryVolumeCredentials } from "../../../credentials/volume-credentials";
import { PATH_OPERATIONS, generateTemporaryPathCredentials } from "../../../credentials/path-credentials";
import { respond } from "./respond";

const tags = ["TemporaryCredentials"];

/** TemporaryCredentials (uc-oss §2.7): AWS keys for s3://; `file://` gets only url and expiry. */
const TemporaryCredentials = z
  .object({
    aws_temp_credentials: z
      .object({ access_key_id: z.string(), secret_access_key: z.string(), session_token: z.string() })
      .optional()
      .openapi("AwsCredentials"),
    expiration_time: z.number().int().optional().openapi({ description: "Epoch milliseconds; renew before this. Absent for file:// storage." }),
    url: z.string().openapi({ description: "The normalised URL the credentials are scoped to." }),
  })
  .openapi("TemporaryCredentials");

// Operations include UC's UNKNOWN_* values so that the verb, not the schema, explains the refusal.
const TableRequest = z.object({ table_id: z.string(), operation: z.enum(TABLE_OPERATIONS) }).openapi("GenerateTemporaryTableCredential");
const VolumeRequest = z.object({ volume_id: z.string(), operation: z.enum(VOLUME_OPERATIONS) }).openapi("GenerateTemporaryVolumeCredential");
const PathRequest = z.object({ url: z.string(), operation: z.enum(PATH_OPERATIONS) }).openapi("GenerateTemporaryPathCredential");

/** Short-lived, prefix-scoped storage credentials for external engines (issue 7 §2). */
export function temporaryCredentialRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(
    createRoute({
      method: "post",
      path: "/temporary-table-credentials",
      tags,
      summary: "Credentials for a table's storage (READ: SELECT; READ_WRITE: SELECT and MODIFY)",
      request: { body: jsonBody(TableRequest) },
      responses: ok(TemporaryCredentials),
    }),
    async (c) => respond(c, await generateTemporaryTableCredentials({ ctx: requestContext(c), input: c.req.valid("json") })),
  );
  app.openapi(
    createRoute({
      method: "post",
      path: "/temporary-volume-credentials",
      tags,
      summary: "Credentials for a volume's storage (READ VOLUME; WRITE VOLUME)",
      request: { body: jsonBody(VolumeRequest) },
      responses: ok(TemporaryCredentials),
    }),
    async (c) => respond(c, await generateTemporaryVolumeCredentials({ ctx: requestContext(c), input: c.req.valid("json") })),
  );
  app.openapi(
    createRoute({
      method: "post",
      path: "/temporary-path-credentials",
      tags,
      summary: "Credentials for a storage path (READ FILES, WRITE FILES, CREATE EXTERNAL TABLE on its external location)",
      request: { body: jsonBody(PathRequest) },
      responses: ok(TemporaryCredentials),
    }),
    async (c) => respond(c, await generateTemporaryPathCredentials({ ctx: requestContext(c), input: c.req.valid("json") })),
  );
}
