import { eq } from "drizzle-orm";
import type { RequestContext } from "../../context";
import { audited } from "../../audit/audited";
import { invalidArgument } from "../../errors";
import { recipientDetails } from "../../../schema/index";
import { normalizeName } from "../../catalog/names";
import { findSecurableById, insertSecurable, updateSecurable } from "../../catalog/rows";
import { deleteSecurableCommon, getSecurable, listSecurables, resolvePrincipal, resolveVisible, type ListInput } from "../../catalog/securable-verbs";
import type { Page } from "../../catalog/paging";
import { RECIPIENT } from "../kinds";
import { renameTopLevel } from "../rename";
import { recipientInfos, type RecipientInfo } from "./recipient-info";
import { validateIpAccessList } from "./ip-access";
import { newTokenSlot, shortenTokens } from "./token-rows";
import { activationUrl, tokenExpiry } from "./links";

export interface CreateRecipientInput {
  name: string;
  authentication_type?: "TOKEN" | "DATABRICKS";
  comment?: string | null;
  data_recipient_global_metastore_id?: string | null;
  properties_kvpairs?: { properties?: Record<string, string> } | null;
  ip_access_list?: { allowed_ip_addresses?: string[] } | null;
  /** Token expiry (epoch ms); default: now + the configured token lifetime. */
  expiration_time?: number | null;
}

/**
 * Creates a recipient (needs CREATE RECIPIENT on the metastore). An open-sharing (TOKEN)
 * recipient gets a one-time activation link, returned here only; a DATABRICKS one is kept for
 * the catalog but cannot use this endpoint. `origin` completes links when no public URL is set.
 */
export async function createRecipient({ ctx, input, origin }: { ctx: RequestContext; input: CreateRecipientInput; origin?: string }): Promise<RecipientInfo> {
  const name = normalizeName("name", input.name);
  const type = input.authentication_type ?? (input.data_recipient_global_metastore_id ? "DATABRICKS" : "TOKEN");
  if (type === "DATABRICKS" && !input.data_recipient_global_metastore_id) {
    throw invalidArgument("A DATABRICKS recipient needs data_recipient_global_metastore_id (its sharing identifier).", { field: "data_recipient_global_metastore_id" });
  }
  const ipList = input.ip_access_list?.allowed_ip_addresses ? validateIpAccessList(input.ip_access_list.allowed_ip_addresses) : null;
  const properties = propertiesOf(input.properties_kvpairs);
  const params = { name, authentication_type: type, comment: input.comment, properties, ip_access_list: ipList };
  return audited(ctx, { name: "createRecipient", securableType: "recipient", securableFullName: name, params }, async (scope) => {
    await ctx.services.authz.authorize(ctx.principal, "metastore.createRecipient", ctx.services.metastoreId);
    const id = crypto.randomUUID();
    scope.target({ securableId: id });
    const now = ctx.services.clock.now();
    return scope.commit(async (tx) => {
      const row = { id, type: "recipient" as const, parentId: ctx.services.metastoreId, name, fullName: name, ownerId: ctx.principal.id, comment: input.comment, properties, createdBy: ctx.principal.name };
      await insertSecurable(tx, row, now, RECIPIENT.alreadyExists);
      await tx.insert(recipientDetails).values({ securableId: id, authenticationType: type, sharingId: input.data_recipient_global_metastore_id ?? null, ipAccessList: ipList });
      const info = (await recipientInfos(ctx.services.clock)(tx, [(await findSecurableById(tx, id))!]))[0]!;
      if (type !== "TOKEN") return info;
      const slot = await newTokenSlot(tx, { recipientId: id, by: ctx.principal.name, now, expiresAt: tokenExpiry(ctx, now, input.expiration_time) });
      return withLink(await reload(ctx, tx, id), slot, activationUrl(ctx, slot.code, origin));
    });
  });
}

export const getRecipient = ({ ctx, name }: { ctx: RequestContext; name: string }) => getSecurable(ctx, RECIPIENT, name, recipientInfos(ctx.services.clock));

export function listRecipients({ ctx, input }: { ctx: RequestContext; input: ListInput }): Promise<Page<RecipientInfo>> {
  const metastore = async () => (await ctx.services.authz.cache.chain(ctx.services.metastoreId))[0]!;
  return listSecurables(ctx, RECIPIENT, "metastore", metastore, input, recipientInfos(ctx.services.clock));
}

export interface UpdateRecipientInput {
  new_name?: string;
  comment?: string | null;
  owner?: string;
  /** Replaces all properties (Databricks: read-modify-write to add or remove one). */
  properties_kvpairs?: { properties?: Record<string, string> } | null;
  ip_access_list?: { allowed_ip_addresses?: string[] } | null;
}

/** PATCH /recipients/{name}; needs the manage right (owner, MANAGE, metastore admin). */
export async function updateRecipient({ ctx, name, input }: { ctx: RequestContext; name: string; input: UpdateRecipientInput }): Promise<RecipientInfo> {
  const properties = input.properties_kvpairs === undefined ? undefined : propertiesOf(input.properties_kvpairs);
  const ipList = input.ip_access_list === undefined ? undefined : input.ip_access_list?.allowed_ip_addresses ? validateIpAccessList(input.ip_access_list.allowed_ip_addresses) : null;
  const params = { new_name: input.new_name, comment: input.comment, owner: input.owner, properties, ip_access_list: ipList };
  return audited(ctx, { name: "updateRecipient", securableType: "recipient", securableFullName: name, params }, async (scope) => {
    const row = await resolveVisible(ctx, RECIPIENT, name, "name");
    scope.target({ securableId: row.id, securableFullName: row.fullName });
    await ctx.services.authz.authorize(ctx.principal, "recipient.manage", row);
    const owner = input.owner === undefined ? undefined : await resolvePrincipal(ctx.services.db, input.owner, "owner");
    const newName = input.new_name === undefined ? undefined : normalizeName("new_name", input.new_name);
    const now = ctx.services.clock.now();
    return scope.commit(async (tx) => {
      await updateSecurable(tx, row.id, { comment: input.comment, properties, ownerId: owner?.id, updatedBy: ctx.principal.name }, now);
      if (ipList !== undefined) await tx.update(recipientDetails).set({ ipAccessList: ipList }).where(eq(recipientDetails.securableId, row.id));
      if (newName !== undefined && newName !== row.name) await renameTopLevel(tx, row.id, "Recipient", newName, ctx.principal.name, now);
      return reload(ctx, tx, row.id);
    });
  });
}

export const deleteRecipient = ({ ctx, name }: { ctx: RequestContext; name: string }) => deleteSecurableCommon(ctx, RECIPIENT, name, true);

/**
 * POST /recipients/{name}/rotate-token: a new activation link, and every existing token now
 * expires within `existing_token_expire_in_seconds` (0: at once). Needs the manage right.
 */
export async function rotateRecipientToken({ ctx, name, existingTokenExpireInSeconds, origin }: { ctx: RequestContext; name: string; existingTokenExpireInSeconds: number; origin?: string }): Promise<RecipientInfo> {
  if (!Number.isInteger(existingTokenExpireInSeconds) || existingTokenExpireInSeconds < 0) {
    throw invalidArgument("existing_token_expire_in_seconds must be a non-negative integer.", { field: "existing_token_expire_in_seconds" });
  }
  const params = { existing_token_expire_in_seconds: existingTokenExpireInSeconds };
  return audited(ctx, { name: "rotateRecipientToken", securableType: "recipient", securableFullName: name, params }, async (scope) => {
    const row = await resolveVisible(ctx, RECIPIENT, name, "name");
    scope.target({ securableId: row.id, securableFullName: row.fullName });
    await ctx.services.authz.authorize(ctx.principal, "recipient.manage", row);
    const [details] = await ctx.services.db.select().from(recipientDetails).where(eq(recipientDetails.securableId, row.id));
    if (details?.authenticationType !== "TOKEN") throw invalidArgument(`Recipient '${row.name}' does not use token authentication.`);
    const now = ctx.services.clock.now();
    return scope.commit(async (tx) => {
      await shortenTokens(tx, row.id, now, existingTokenExpireInSeconds * 1000, ctx.principal.name);
      const slot = await newTokenSlot(tx, { recipientId: row.id, by: ctx.principal.name, now, expiresAt: tokenExpiry(ctx, now, undefined) });
      scope.detail("newTokenId", slot.id);
      return withLink(await reload(ctx, tx, row.id), slot, activationUrl(ctx, slot.code, origin));
    });
  });
}

async function reload(ctx: RequestContext, tx: Parameters<ReturnType<typeof recipientInfos>>[0], id: string): Promise<RecipientInfo> {
  return (await recipientInfos(ctx.services.clock)(tx, [(await findSecurableById(tx, id))!]))[0]!;
}

function withLink(info: RecipientInfo, slot: { id: string }, url: string): RecipientInfo {
  return { ...info, activation_url: url, tokens: info.tokens.map((t) => (t.id === slot.id ? { ...t, activation_url: url } : t)) };
}

function propertiesOf(kv: { properties?: Record<string, string> } | null | undefined): Record<string, string> {
  const props = kv?.properties ?? {};
  for (const [k, v] of Object.entries(props)) {
    if (typeof v !== "string" || !k.trim()) throw invalidArgument(`Invalid properties_kvpairs.properties: '${k}' needs a string value and a non-empty key.`, { field: "properties_kvpairs" });
  }
  return { ...props };
}
