import { eq, inArray } from "drizzle-orm";
import type { RequestContext } from "../context";
import type { Db } from "../db/types";
import { audited } from "../audit/audited";
import { invalidArgument } from "../errors";
import { manageOperation } from "../authz/operations";
import { externalLocationDetails, securables, storageCredentialDetails } from "../../schema/index";
import type { Kind } from "./kinds";
import { normalizeName } from "./names";
import type { Page } from "./paging";
import { deleteSecurable, findSecurableById, insertSecurable, type SecurableRow } from "./rows";
import { getSecurable, listSecurables, resolveVisible, type ListInput } from "./securable-verbs";
import { updateTopLevel, type TopLevelUpdate } from "../credentials/top-level-update";

/** Storage credentials are top-level securables under the metastore (uc-oss §2.10). */
export const STORAGE_CREDENTIAL: Kind = { type: "credential", parts: 1, parentType: "metastore", alreadyExists: "STORAGE_CREDENTIAL_ALREADY_EXISTS", noun: "StorageCredential" };

/** CredentialInfo exactly as Unity Catalog OSS returns it. */
export interface CredentialInfo {
  name: string;
  aws_iam_role: { role_arn: string; unity_catalog_iam_arn: string | null; external_id: string };
  comment: string | null;
  owner: string;
  full_name: string;
  id: string;
  created_at: number;
  created_by: string;
  updated_at: number | null;
  updated_by: string | null;
  purpose: "STORAGE";
}

export interface CreateCredentialInput {
  name: string;
  comment?: string | null;
  aws_iam_role?: { role_arn: string } | null;
  purpose?: "STORAGE" | null;
}

export interface UpdateCredentialInput extends TopLevelUpdate {
  aws_iam_role?: { role_arn: string } | null;
}

/** An IAM role ARN in the commercial partition: 12-digit account, optional path, ≤64-char name. */
const ROLE_ARN = /^arn:aws:iam::\d{12}:role\/(?:[\w+=,.@-]+\/)*[\w+=,.@-]{1,64}$/;

function roleArnOf(role: { role_arn: string } | null | undefined, required: boolean): string | undefined {
  if (!role) {
    if (required) throw invalidArgument("aws_iam_role is required: Lakeward vends credentials by assuming an AWS IAM role.", { field: "aws_iam_role" });
    return undefined;
  }
  const arn = role.role_arn.trim();
  if (!ROLE_ARN.test(arn)) throw invalidArgument(`Invalid aws_iam_role.role_arn '${arn.slice(0, 300)}': expected arn:aws:iam::<12-digit account>:role/<name>.`, { field: "aws_iam_role.role_arn" });
  return arn;
}

/** Maps rows to CredentialInfo; `unity_catalog_iam_arn` is Lakeward's own AWS identity, from config. */
const infosOf = (ctx: RequestContext) => async (db: Db, rows: SecurableRow[]): Promise<CredentialInfo[]> => {
  if (rows.length === 0) return [];
  const details = await db.select().from(storageCredentialDetails).where(inArray(storageCredentialDetails.securableId, rows.map((r) => r.id)));
  const byId = new Map(details.map((d) => [d.securableId, d]));
  return rows.map((row) => {
    const d = byId.get(row.id)!;
    return {
      name: row.name,
      aws_iam_role: { role_arn: d.awsRoleArn, unity_catalog_iam_arn: ctx.services.config.credentials.awsIamArn ?? null, external_id: d.externalId },
      comment: row.comment,
      owner: row.ownerName,
      full_name: row.fullName,
      id: row.id,
      created_at: row.createdAt,
      created_by: row.createdBy,
      updated_at: row.updatedAt,
      updated_by: row.updatedBy,
      purpose: "STORAGE",
    };
  });
};

/** Creates a storage credential (metastore admin or CREATE STORAGE CREDENTIAL); the creator owns it. */
export async function createStorageCredential({ ctx, input }: { ctx: RequestContext; input: CreateCredentialInput }): Promise<CredentialInfo> {
  const name = normalizeName("name", input.name);
  const roleArn = roleArnOf(input.aws_iam_role, true)!;
  const params = { name, comment: input.comment, role_arn: roleArn, purpose: input.purpose ?? "STORAGE" };
  return audited(ctx, { name: "createStorageCredential", securableType: "credential", securableFullName: name, params }, async (scope) => {
    await ctx.services.authz.authorize(ctx.principal, "metastore.createStorageCredential", ctx.services.metastoreId);
    const id = crypto.randomUUID();
    scope.target({ securableId: id });
    return scope.commit(async (tx) => {
      const row = { id, type: "credential" as const, parentId: ctx.services.metastoreId, name, fullName: name, ownerId: ctx.principal.id, comment: input.comment, createdBy: ctx.principal.name };
      await insertSecurable(tx, row, ctx.services.clock.now(), STORAGE_CREDENTIAL.alreadyExists);
      // The external id is what the role's trust policy demands of Lakeward (confused deputy).
      await tx.insert(storageCredentialDetails).values({ securableId: id, awsRoleArn: roleArn, externalId: crypto.randomUUID() });
      return (await infosOf(ctx)(tx, [(await findSecurableById(tx, id))!]))[0]!;
    });
  });
}

export const getStorageCredential = ({ ctx, name }: { ctx: RequestContext; name: string }) => getSecurable(ctx, STORAGE_CREDENTIAL, name, infosOf(ctx));

/** Credentials the caller may see (owner, any privilege on it, metastore admin), by name. */
export async function listStorageCredentials({ ctx, input }: { ctx: RequestContext; input: ListInput }): Promise<Page<CredentialInfo>> {
  const metastore = async () => (await ctx.services.authz.cache.chain(ctx.services.metastoreId))[0]!;
  return listSecurables(ctx, STORAGE_CREDENTIAL, "metastore", metastore, input, infosOf(ctx));
}

/** PATCH: comment, owner, new_name and the role ARN (the external id stays). */
export async function updateStorageCredential({ ctx, name, input }: { ctx: RequestContext; name: string; input: UpdateCredentialInput }): Promise<CredentialInfo> {
  const roleArn = roleArnOf(input.aws_iam_role, false);
  const params = { new_name: input.newName, comment: input.comment, owner: input.owner, role_arn: roleArn };
  return updateTopLevel(ctx, STORAGE_CREDENTIAL, name, input, params, infosOf(ctx), {
    prepare: async () => undefined,
    apply: async (tx, row) => {
      if (roleArn) await tx.update(storageCredentialDetails).set({ awsRoleArn: roleArn }).where(eq(storageCredentialDetails.securableId, row.id));
    },
  });
}

/**
 * Deletes a credential (metastore admin or owner). While external locations use it, only with
 * `force`; they then have no credential and vending through them refuses.
 */
export async function deleteStorageCredential({ ctx, name, force }: { ctx: RequestContext; name: string; force: boolean }): Promise<void> {
  await audited(ctx, { name: "deleteStorageCredential", securableType: "credential", securableFullName: name, params: { force } }, async (scope) => {
    const row = await resolveVisible(ctx, STORAGE_CREDENTIAL, name, "name");
    scope.target({ securableId: row.id, securableFullName: row.fullName });
    await ctx.services.authz.authorize(ctx.principal, manageOperation("credential"), row);
    await scope.commit(async (tx) => {
      const users = await tx
        .select({ name: securables.name })
        .from(externalLocationDetails)
        .innerJoin(securables, eq(securables.id, externalLocationDetails.securableId))
        .where(eq(externalLocationDetails.credentialId, row.id))
        .orderBy(securables.name)
        .limit(5);
      if (users.length > 0 && !force) {
        throw invalidArgument(`Storage credential '${row.name}' is still used by external location(s) ${users.map((u) => `'${u.name}'`).join(", ")}; delete them first or use force=true.`);
      }
      await deleteSecurable(tx, row.id, ctx.services.clock.now());
    });
  });
}
