import type { Services } from "../../services";
import { LakewardError } from "../../errors";
import { writeAuditEvent } from "../../audit/write";
import type { RecipientCaller } from "../recipients/authenticate";
import { sharingError } from "./errors";

/** Request facts every audit row of the protocol carries. */
export interface CallMeta {
  requestId?: string;
  sourceIp?: string;
  userAgent?: string;
}

export interface SharingAuditEvent {
  /** Unity Catalog's action name: deltaSharingListShares, deltaSharingQueryTable ... */
  action: string;
  recipient?: RecipientCaller;
  share?: string;
  /** `share.schema.table`. */
  table?: string;
  details?: Record<string, unknown>;
  err?: unknown;
}

/**
 * Audits one protocol call (issue 8 §7), successes and refusals alike, with the recipient,
 * the table, the version and the file count; never the token or a signed URL.
 */
export async function auditSharing(services: Services, meta: CallMeta, event: SharingAuditEvent): Promise<void> {
  const failure = event.err === undefined ? undefined : sharingError(event.err);
  const hidden = event.err instanceof LakewardError && event.err.hiddenDenial;
  const denied = failure !== undefined && (failure.status === 401 || failure.status === 403 || hidden);
  try {
    await writeAuditEvent(services.db, {
      eventTime: services.clock.now(),
      requestId: meta.requestId,
      serviceName: "deltaSharing",
      actionName: event.action,
      principalName: event.recipient?.name ?? null,
      securableType: event.table ? "table" : event.share ? "share" : null,
      securableFullName: event.table ?? event.share ?? null,
      outcome: failure ? (denied ? "denied" : "failed") : "success",
      statusCode: failure?.status ?? 200,
      errorCode: failure?.body.errorCode ?? null,
      errorMessage: failure?.body.message ?? null,
      sourceIp: meta.sourceIp ?? null,
      userAgent: meta.userAgent ?? null,
      details: { recipient: event.recipient?.name ?? null, recipientId: event.recipient?.id ?? null, share: event.share ?? null, ...(hidden ? { hidden: true } : {}), ...event.details },
    });
  } catch {
    // The answer matters more to the recipient than a failed audit write.
  }
}
