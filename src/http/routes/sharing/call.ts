import type { Context } from "hono";
import type { AppEnv } from "../../env";
import type { Services } from "../../../services";
import { authenticateRecipient, type RecipientCaller } from "../../../sharing/recipients/authenticate";
import { auditSharing, type CallMeta, type SharingAuditEvent } from "../../../sharing/protocol/audit";
import { publicBase } from "../../../sharing/recipients/links";
import { clientIp } from "./client-ip";

/** A protocol request in progress: who calls, and how to audit it. */
export interface ProtocolCall {
  services: Services;
  recipient: RecipientCaller;
  meta: CallMeta;
  base: string;
  /** Writes the call's audit row (once). */
  audit(event: Omit<SharingAuditEvent, "action" | "recipient">): Promise<void>;
}

/** Request facts for audit rows (DESIGN §3: the audit log records the source). */
export function callMeta(c: Context<AppEnv>): CallMeta {
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return { requestId: c.get("requestId"), sourceIp: c.req.header("x-forwarded-for")?.split(",")[0]?.trim() ?? incoming?.socket?.remoteAddress, userAgent: c.req.header("user-agent") };
}

/**
 * Runs one protocol endpoint (issue 8 §3): authenticates the recipient's bearer token —
 * separately from principals — then `work`. A refusal or failure is audited under `action`
 * before it propagates to the group's error mapping; success is audited by `work` (streamed
 * answers audit when the stream ends, with the file count).
 */
export async function protocolCall(c: Context<AppEnv>, action: string, work: (call: ProtocolCall) => Promise<Response>): Promise<Response> {
  const services = c.get("services");
  const meta = callMeta(c);
  let recipient: RecipientCaller | undefined;
  let audited = false;
  const audit = async (event: Omit<SharingAuditEvent, "action" | "recipient">) => {
    if (audited) return;
    audited = true;
    await auditSharing(services, meta, { action, recipient, ...event });
  };
  try {
    recipient = await authenticateRecipient(services, c.req.header("authorization"), clientIp(c, services.config.sharing.trustForwardedFor));
    return await work({ services, recipient, meta, base: publicBase(services.config, new URL(c.req.url).origin), audit });
  } catch (err) {
    await audit({ share: c.req.param("share"), table: tableName(c), err });
    throw err;
  }
}

/** `share.schema.table` of the request path, when it names a table. */
export function tableName(c: Context<AppEnv>): string | undefined {
  const { share, schema, table } = { share: c.req.param("share"), schema: c.req.param("schema"), table: c.req.param("table") };
  return share && schema && table ? `${share}.${schema}.${table}`.toLowerCase() : undefined;
}
