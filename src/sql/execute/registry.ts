import type { RequestContext } from "../../context";
import type { StatementKind, StatementOf } from "../ast";
import type { ResultSet } from "./result";
import type { Session } from "./session";

/** Runs one parsed statement of a kind. */
export type StatementHandler<K extends StatementKind> = (ctx: RequestContext, session: Session, stmt: StatementOf<K>) => Promise<ResultSet>;

/**
 * Which statements this process can run. Modules contribute their own (governance here, the
 * query engine on Node, credentials, sharing), so the dispatcher needs no edits to grow.
 */
export type StatementHandlers = { [K in StatementKind]?: StatementHandler<K> };

/** Merges handler sets; later ones win. */
export function mergeHandlers(...sets: StatementHandlers[]): StatementHandlers {
  return Object.assign({}, ...sets) as StatementHandlers;
}
