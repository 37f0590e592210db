import { bigint, bigserial, index, integer, jsonb, pgTable, text, uuid } from "drizzle-orm/pg-core";

/**
 * Append-only audit log, shaped after Databricks' system.access.audit (uc-semantics §7).
 * A successful change writes its row in the same transaction as the change; denied and failed
 * requests are written after the rollback.
 */
export const auditLog = pgTable(
  "audit_log",
  {
    seq: bigserial("seq", { mode: "number" }).primaryKey(),
    eventId: uuid("event_id").notNull(),
    eventTime: bigint("event_time", { mode: "number" }).notNull(),
    requestId: text("request_id"),
    serviceName: text("service_name").notNull(),
    actionName: text("action_name").notNull(),
    principalId: uuid("principal_id"),
    principalName: text("principal_name"),
    securableType: text("securable_type"),
    securableFullName: text("securable_full_name"),
    securableId: uuid("securable_id"),
    requestParams: jsonb("request_params").$type<Record<string, unknown>>().notNull().default({}),
    outcome: text("outcome", { enum: ["success", "denied", "failed"] }).notNull(),
    statusCode: integer("status_code").notNull(),
    errorCode: text("error_code"),
    errorMessage: text("error_message"),
    sourceIp: text("source_ip"),
    userAgent: text("user_agent"),
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index("audit_log_time_idx").on(t.eventTime), index("audit_log_action_idx").on(t.actionName)],
);
