import type { Db } from "../db/types";
import type { Services } from "../services";
import { writeAuditEvent } from "../audit/write";

/** Facts about a request that has no authenticated principal yet. */
export interface RequestMeta {
  requestId?: string;
  sourceIp?: string;
  userAgent?: string;
}

/** Databricks files sign-ins and identity changes under the `accounts` service. */
export const ACCOUNTS_SERVICE = "accounts";

export interface SignInEvent {
  /** e.g. `tokenExchange`, `clientCredentials`, `tokenLogin`. */
  action: string;
  principal?: { id: string; name: string };
  /** Who the caller claimed to be when no principal was found (a client id, a user name). */
  claimedName?: string;
  outcome: "success" | "failed";
  /** Why a sign-in failed: a TokenRejected reason or similar; never the token. */
  reason?: string;
  params?: Record<string, unknown>;
}

/**
 * Writes one sign-in event (issue 3 §8), inside `db` when it is a transaction. Failures are
 * written on their own, outside any request context, and never carry token material.
 */
export async function auditSignIn(db: Db, services: Services, meta: RequestMeta, event: SignInEvent): Promise<void> {
  await writeAuditEvent(db, {
    eventTime: services.clock.now(),
    requestId: meta.requestId,
    serviceName: ACCOUNTS_SERVICE,
    actionName: event.action,
    principalId: event.principal?.id ?? null,
    principalName: event.principal?.name ?? event.claimedName ?? null,
    requestParams: event.params,
    outcome: event.outcome,
    statusCode: event.outcome === "success" ? 200 : 401,
    errorCode: event.outcome === "success" ? null : "UNAUTHENTICATED",
    errorMessage: event.reason ?? null,
    sourceIp: meta.sourceIp,
    userAgent: meta.userAgent,
  });
}

/** Like auditSignIn, but a failure to write never hides the sign-in failure itself. */
export async function auditSignInQuietly(services: Services, meta: RequestMeta, event: SignInEvent): Promise<void> {
  try {
    await auditSignIn(services.db, services, meta, event);
  } catch {
    // The 401 matters more to the caller than the audit row.
  }
}
