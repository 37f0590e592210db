import type { Db } from "../db/types";
import { auditLog } from "../../schema/index";

/** One audit event (uc-semantics §7); see schema/audit.ts for the columns. */
export interface AuditEvent {
  eventTime: number;
  requestId?: string;
  serviceName: string;
  actionName: string;
  principalId?: string | null;
  principalName?: string | null;
  securableType?: string | null;
  securableFullName?: string | null;
  securableId?: string | null;
  requestParams?: Record<string, unknown>;
  outcome: "success" | "denied" | "failed";
  statusCode: number;
  errorCode?: string | null;
  errorMessage?: string | null;
  sourceIp?: string | null;
  userAgent?: string | null;
  details?: Record<string, unknown>;
}

/** Appends one event; inside the caller's transaction when `db` is one. */
export async function writeAuditEvent(db: Db, event: AuditEvent): Promise<void> {
  await db.insert(auditLog).values({
    eventId: crypto.randomUUID(),
    eventTime: event.eventTime,
    requestId: event.requestId ?? null,
    serviceName: event.serviceName,
    actionName: event.actionName,
    principalId: event.principalId ?? null,
    principalName: event.principalName ?? null,
    securableType: event.securableType ?? null,
    securableFullName: event.securableFullName ?? null,
    securableId: event.securableId ?? null,
    requestParams: event.requestParams ?? {},
    outcome: event.outcome,
    statusCode: event.statusCode,
    errorCode: event.errorCode ?? null,
    errorMessage: event.errorMessage ?? null,
    sourceIp: event.sourceIp ?? null,
    userAgent: event.userAgent ?? null,
    details: event.details ?? {},
  });
}
