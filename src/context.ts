import type { Caller } from "./authz/authorizer";
import type { Services } from "./services";

export type PrincipalKind = "user" | "group" | "service_principal";

/** The authenticated caller of a request, with its group closure computed once. */
export interface Principal extends Caller {
  kind: PrincipalKind;
}

/** Everything a verb needs about the request it serves (DESIGN §3). */
export interface RequestContext {
  requestId: string;
  principal: Principal;
  sourceIp?: string;
  userAgent?: string;
  services: Services;
  /**
   * Facts a statement collects for its audit row while it runs (tables read and written,
   * filters and masks applied — issue 6 §7); set by the statement API.
   */
  statementAudit?: Record<string, unknown>;
}
