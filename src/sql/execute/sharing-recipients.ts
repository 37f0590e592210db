import type { RequestContext } from "../../context";
import { LakewardError } from "../../errors";
import { createRecipient, deleteRecipient, getRecipient, listRecipients, updateRecipient } from "../../sharing/recipients/recipients";
import type { AlterRecipientSetProperties, AlterRecipientUnsetProperties, CreateRecipient, DescribeRecipient, DropRecipient, QualifiedName, ShowRecipients } from "../ast";
import { ifExists } from "./namespace";
import { EMPTY_RESULT, stringResult, type ResultSet } from "./result";
import { qualify, type Session } from "./session";
import type { StatementHandlers } from "./registry";

/** Delta Sharing statements on recipients (uc-semantics §5; docs/sharing.md). */
const recipientName = (name: QualifiedName) => qualify({}, name, 1);
const iso = (ms: number | null | undefined) => (ms === null || ms === undefined ? null : new Date(ms).toISOString());

/**
 * CREATE RECIPIENT answers with the activation link: it is shown once (codes are stored
 * hashed), so DESCRIBE RECIPIENT cannot show it later.
 */
const createRecipientStmt = async (ctx: RequestContext, _s: Session, stmt: CreateRecipient): Promise<ResultSet> => {
  try {
    const info = await createRecipient({
      ctx,
      input: {
        name: recipientName(stmt.name),
        comment: stmt.comment,
        data_recipient_global_metastore_id: stmt.sharingId,
        properties_kvpairs: { properties: Object.fromEntries((stmt.properties ?? []).map((p) => [p.key, p.value])) },
      },
    });
    return stringResult(["name", "authentication_type", "activation_link"], [[info.name, info.authentication_type, info.activation_url ?? null]]);
  } catch (err) {
    if (!(stmt.ifNotExists && err instanceof LakewardError && /ALREADY_EXISTS$/.test(err.code))) throw err;
    return EMPTY_RESULT;
  }
};

const setProperties = async (ctx: RequestContext, _s: Session, stmt: AlterRecipientSetProperties): Promise<ResultSet> => {
  const name = recipientName(stmt.name);
  const current = await getRecipient({ ctx, name });
  const properties = { ...current.properties_kvpairs.properties, ...Object.fromEntries(stmt.properties.map((p) => [p.key, p.value])) };
  await updateRecipient({ ctx, name, input: { properties_kvpairs: { properties } } });
  return EMPTY_RESULT;
};

const unsetProperties = async (ctx: RequestContext, _s: Session, stmt: AlterRecipientUnsetProperties): Promise<ResultSet> => {
  const name = recipientName(stmt.name);
  const current = await getRecipient({ ctx, name });
  const properties = Object.fromEntries(Object.entries(current.properties_kvpairs.properties).filter(([k]) => !stmt.keys.includes(k)));
  await updateRecipient({ ctx, name, input: { properties_kvpairs: { properties } } });
  return EMPTY_RESULT;
};

const dropRecipient = async (ctx: RequestContext, _s: Session, stmt: DropRecipient): Promise<ResultSet> => {
  await ifExists(stmt.ifExists, () => deleteRecipient({ ctx, name: recipientName(stmt.name) }));
  return EMPTY_RESULT;
};

const showRecipients = async (ctx: RequestContext, _s: Session, _stmt: ShowRecipients): Promise<ResultSet> => {
  const rows: (string | null)[][] = [];
  let pageToken: string | undefined;
  do {
    const page = await listRecipients({ ctx, input: { pageToken } });
    rows.push(...page.items.map((r) => [r.name, iso(r.created_at), r.created_by, r.comment]));
    pageToken = page.nextPageToken ?? undefined;
  } while (pageToken);
  return stringResult(["name", "created_at", "created_by", "comment"], rows);
};

/** The newest live token is the active one; an older live one is the rotated one in its grace period. */
const describeRecipient = async (ctx: RequestContext, _s: Session, stmt: DescribeRecipient): Promise<ResultSet> => {
  const r = await getRecipient({ ctx, name: recipientName(stmt.name) });
  const active = r.tokens[r.tokens.length - 1];
  const rotated = r.tokens.length > 1 ? r.tokens[r.tokens.length - 2] : undefined;
  return stringResult(
    ["name", "created_at", "created_by", "comment", "authentication_type", "activated", "active_token_id", "active_token_expiration_time", "rotated_token_id", "rotated_token_expiration_time", "properties", "ip_access_list"],
    [[
      r.name, iso(r.created_at), r.created_by, r.comment, r.authentication_type, String(r.activated),
      active?.id ?? null, iso(active?.expiration_time), rotated?.id ?? null, iso(rotated?.expiration_time),
      JSON.stringify(r.properties_kvpairs.properties), r.ip_access_list ? r.ip_access_list.allowed_ip_addresses.join(",") : null,
    ]],
  );
};

export const recipientHandlers: StatementHandlers = {
  CreateRecipient: createRecipientStmt,
  AlterRecipientSetProperties: setProperties,
  AlterRecipientUnsetProperties: unsetProperties,
  DropRecipient: dropRecipient,
  ShowRecipients: showRecipients,
  DescribeRecipient: describeRecipient,
};
