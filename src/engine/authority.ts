import type { RequestContext } from "../context";
import type { Caller } from "../authz/authorizer";
import type { Operation } from "../authz/operations";
import type { SecurableNode } from "../authz/securables";
import { findPrincipalById } from "../auth/principals";
import { LakewardError } from "../errors";

/**
 * Whose privileges a reference is checked with. A query's own references use the caller's; a
 * view's definition uses the view owner's, and a function body its owner's (definer rights,
 * uc-semantics §4) — while identity functions keep answering for the querying user.
 */
export interface Authority {
  caller: Caller;
  /** What lends the rights when it is not the caller, e.g. "view main.s.v", for messages. */
  via?: string;
}

/** The caller's own authority. */
export function callerAuthority(ctx: RequestContext): Authority {
  return { caller: ctx.principal };
}

/** The authority of a securable's owner (a user, service principal or group). */
export async function ownerAuthority(ctx: RequestContext, ownerId: string, via: string): Promise<Authority> {
  const owner = await findPrincipalById(ctx.services.db, ownerId);
  if (!owner) throw new LakewardError("PERMISSION_DENIED", `The owner of ${via} no longer exists, so it cannot be used.`);
  const closure = await ctx.services.authz.cache.closure(owner.id, owner.kind);
  return { caller: { id: owner.id, name: owner.name, closure }, via };
}

/**
 * Checks `op` for the authority. With the caller's own rights the usual answers apply (hidden
 * objects look missing); with an owner's, any failure is reported against the view or
 * function, so the querying user learns nothing about objects it cannot see itself.
 */
export async function authorizeAs(ctx: RequestContext, authority: Authority, op: Operation, node: SecurableNode): Promise<void> {
  if (!authority.via) {
    await ctx.services.authz.authorize(authority.caller, op, node);
    return;
  }
  const verdict = await ctx.services.authz.check(authority.caller, op, node);
  if (!verdict.allowed) throw new LakewardError("PERMISSION_DENIED", `The owner of ${authority.via} lacks a privilege it needs on an object it uses.`);
}
