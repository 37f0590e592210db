import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../env";
import { requestContext } from "../../env";
import { EmptyBody, ForceQuery, PagingQuery, jsonBody, nullable, ok } from "../../schemas/common";
import { listOf } from "../../schemas/uc";
import {
  createStorageCredential, deleteStorageCredential, getStorageCredential, listStorageCredentials, updateStorageCredential,
} from "../../../catalog/storage-credentials";
import { isForced, respond, respondPage } from "./respond";

const tags = ["Credentials"];
const NameParam = z.object({ name: z.string().openapi({ description: "Name of the storage credential." }) });
const Purpose = z.enum(["STORAGE"]).openapi("CredentialPurpose");
const AwsIamRoleRequest = z.object({ role_arn: z.string().openapi({ example: "arn:aws:iam::123456789012:role/lakeward-data" }) }).openapi("AwsIamRoleRequest");

/** CredentialInfo (uc-oss §2.10); the external id is what the role's trust policy checks. */
export const CredentialInfo = z
  .object({
    name: z.string(),
    aws_iam_role: z.object({ role_arn: z.string(), unity_catalog_iam_arn: z.string().nullable(), external_id: z.string() }).openapi("AwsIamRoleResponse"),
    comment: z.string().nullable(),
    owner: z.string(),
    full_name: z.string(),
    id: z.string().uuid(),
    created_at: z.number().int(),
    created_by: z.string(),
    updated_at: z.number().int().nullable(),
    updated_by: z.string().nullable(),
    purpose: Purpose,
  })
  .openapi("CredentialInfo");

const CreateCredentialRequest = z
  .object({ name: z.string(), comment: nullable(z.string()), aws_iam_role: nullable(AwsIamRoleRequest), purpose: nullable(Purpose) })
  .openapi("CreateCredentialRequest");

/** UC OSS's fields plus Databricks' `owner` (applied here, unlike UC OSS). */
const UpdateCredentialRequest = z
  .object({ new_name: z.string().optional(), comment: nullable(z.string()), owner: z.string().optional(), aws_iam_role: nullable(AwsIamRoleRequest) })
  .openapi("UpdateCredentialRequest");

/** Storage credentials: `/credentials` (uc-oss §2.10). */
export function credentialRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(
    createRoute({ method: "post", path: "/credentials", tags, summary: "Create a storage credential", request: { body: jsonBody(CreateCredentialRequest) }, responses: ok(CredentialInfo) }),
    async (c) => respond(c, await createStorageCredential({ ctx: requestContext(c), input: c.req.valid("json") })),
  );
  app.openapi(
    createRoute({
      method: "get",
      path: "/credentials",
      tags,
      summary: "List storage credentials the caller may see",
      request: { query: PagingQuery.extend({ purpose: Purpose.optional() }) },
      responses: ok(listOf("credentials", CredentialInfo, "ListCredentialsResponse")),
    }),
    async (c) => {
      // Every credential has purpose STORAGE, so the filter never removes anything.
      const q = c.req.valid("query");
      return respondPage(c, "credentials", await listStorageCredentials({ ctx: requestContext(c), input: { maxResults: q.max_results, pageToken: q.page_token } }));
    },
  );
  app.openapi(
    createRoute({ method: "get", path: "/credentials/{name}", tags, summary: "Get a storage credential", request: { params: NameParam }, responses: ok(CredentialInfo) }),
    async (c) => respond(c, await getStorageCredential({ ctx: requestContext(c), name: c.req.valid("param").name })),
  );
  app.openapi(
    createRoute({
      method: "patch",
      path: "/credentials/{name}",
      tags,
      summary: "Update a storage credential",
      request: { params: NameParam, body: jsonBody(UpdateCredentialRequest) },
      responses: ok(CredentialInfo),
    }),
    async (c) => {
      const body = c.req.valid("json");
      return respond(c, await updateStorageCredential({ ctx: requestContext(c), name: c.req.valid("param").name, input: { ...body, newName: body.new_name } }));
    },
  );
  app.openapi(
    createRoute({
      method: "delete",
      path: "/credentials/{name}",
      tags,
      summary: "Delete a storage credential (force: even if external locations use it)",
      request: { params: NameParam, query: ForceQuery },
      responses: ok(EmptyBody),
    }),
    async (c) => {
      await deleteStorageCredential({ ctx: requestContext(c), name: c.req.valid("param").name, force: isForced(c.req.valid("query").force) });
      return respond(c, {});
    },
  );
}
