/**
 * The vocabulary of operation rules (DESIGN §4 "Authorization is data"). A rule is a list of
 * alternatives (OR); each alternative is a list of terms that must all hold (AND). Terms name a
 * level of the target's hierarchy rather than an id, so one rule serves every object of a type.
 */
export type Level = "self" | "schema" | "catalog" | "metastore";

export type Term =
  /** Holds the privilege there: granted on it or, for inheritable privileges, on a container
   *  below the metastore; implied by ALL PRIVILEGES or by owning that very securable. */
  | { has: string; on: Level }
  /** Holds some privilege that applies to that securable (or owns it). */
  | { hasAny: true; on: Level }
  /** Owns that securable (directly or through a group). */
  | { owns: Level }
  /** Is a metastore admin: owns the metastore. */
  | { admin: true };

export type Clause = readonly Term[];
export type Rule = readonly Clause[];

export const admin: Term = { admin: true };
export const has = (privilege: string, on: Level = "self"): Term => ({ has: privilege, on });
export const owns = (on: Level = "self"): Term => ({ owns: on });
export const hasAny = (on: Level = "self"): Term => ({ hasAny: true, on });

/** USE CATALOG (+ USE SCHEMA) needed to reach anything below (uc-semantics §2). */
export const reachCatalog: Clause = [has("USE CATALOG", "catalog")];
export const reachSchema: Clause = [has("USE CATALOG", "catalog"), has("USE SCHEMA", "schema")];
