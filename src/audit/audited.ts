import type { RequestContext } from "../context";
import type { Db } from "../db/types";
import { isDenial, LakewardError } from "../errors";
import { UC_HTTP_STATUS } from "./ucHttpStatus";
import { writeAuditEvent, type AuditEvent } from "./write";

/** What a verb is doing, for the audit log. Params must never hold secrets. */
export interface AuditAction {
  /** Unity Catalog action name, e.g. `createTable`. */
  name: string;
  service?: string;
  params?: Record<string, unknown>;
  securableType?: string;
  securableFullName?: string;
}

/** Lets a verb fill in audit facts it learns while working (the new id, a resolved name). */
export interface AuditScope {
  target(facts: { securableType?: string; securableFullName?: string; securableId?: string }): void;
  detail(key: string, value: unknown): void;
}

/** A mutation's scope: audit facts plus the one transaction that makes the change. */
export interface MutationScope extends AuditScope {
  /**
   * Runs `work` in one transaction that also writes the success audit row (DESIGN §6.3).
   * Lookups and authorization happen before it, on the plain connection: PGlite has one
   * connection, so code inside must use only `tx`.
   */
  commit<R>(work: (tx: Db) => Promise<R>): Promise<R>;
}

/**
 * Runs a state-changing verb: validate and authorize, then act in one transaction with its
 * audit row. If the verb fails or is denied, nothing of it is kept and the failure is audited
 * on its own afterwards. A verb that ends without committing (an IF NOT EXISTS no-op) is
 * audited as a success.
 */
export async function audited<T>(
  ctx: RequestContext,
  action: AuditAction,
  body: (scope: MutationScope) => Promise<T>,
): Promise<T> {
  const facts = newFacts(action);
  let committed = false;
  const scope: MutationScope = {
    ...scopeOf(facts),
    commit: async (work) => {
      if (committed) throw new Error("a verb commits once");
      committed = true;
      const result = await ctx.services.db.transaction(async (tx) => {
        const value = await work(tx as unknown as Db);
        await writeAuditEvent(tx as unknown as Db, eventOf(ctx, action, facts, undefined));
        return value;
      });
      // Grants, owners or the tree may have changed: re-read the change feed before the next check.
      ctx.services.authz.cache.markStale();
      return result;
    },
  };
  try {
    const result = await body(scope);
    if (!committed) await writeAuditEvent(ctx.services.db, eventOf(ctx, action, facts, undefined));
    return result;
  } catch (err) {
    await auditFailure(ctx, action, facts, err);
    throw err;
  }
}

/**
 * Runs a read-only verb. Reads are audited only when they are denied or fail, so that
 * listing and getting stay one query deep.
 */
export async function auditedRead<T>(
  ctx: RequestContext,
  action: AuditAction,
  work: (db: Db, audit: AuditScope) => Promise<T>,
): Promise<T> {
  const facts = newFacts(action);
  try {
    return await work(ctx.services.db, scopeOf(facts));
  } catch (err) {
    await auditFailure(ctx, action, facts, err);
    throw err;
  }
}

interface Facts {
  securableType?: string;
  securableFullName?: string;
  securableId?: string;
  details: Record<string, unknown>;
}

function newFacts(action: AuditAction): Facts {
  return { securableType: action.securableType, securableFullName: action.securableFullName, details: {} };
}

function scopeOf(facts: Facts): AuditScope {
  return {
    target: (t) => Object.assign(facts, Object.fromEntries(Object.entries(t).filter(([, v]) => v !== undefined))),
    detail: (key, value) => {
      facts.details[key] = value;
    },
  };
}

async function auditFailure(ctx: RequestContext, action: AuditAction, facts: Facts, err: unknown): Promise<void> {
  try {
    await writeAuditEvent(ctx.services.db, eventOf(ctx, action, facts, err));
  } catch {
    // The original error matters more to the caller than a failed audit write.
  }
}

function eventOf(ctx: RequestContext, action: AuditAction, facts: Facts, err: unknown): AuditEvent {
  const failure = err === undefined ? undefined : classify(err);
  return {
    eventTime: ctx.services.clock.now(),
    requestId: ctx.requestId,
    serviceName: action.service ?? "unityCatalog",
    actionName: action.name,
    principalId: ctx.principal.id,
    principalName: ctx.principal.name,
    securableType: facts.securableType,
    securableFullName: facts.securableFullName,
    securableId: facts.securableId,
    requestParams: action.params,
    outcome: failure?.outcome ?? "success",
    statusCode: failure?.status ?? 200,
    errorCode: failure?.code,
    errorMessage: failure?.message,
    sourceIp: ctx.sourceIp,
    userAgent: ctx.userAgent,
    details: failure?.hidden ? { ...facts.details, hidden: true } : facts.details,
  };
}

function classify(err: unknown) {
  if (err instanceof LakewardError) {
    return {
      outcome: isDenial(err) ? ("denied" as const) : ("failed" as const),
      status: UC_HTTP_STATUS[err.code],
      code: err.code,
      message: err.message,
      hidden: err.hiddenDenial,
    };
  }
  return { outcome: "failed" as const, status: 500, code: "INTERNAL", message: "Internal error", hidden: false };
}
