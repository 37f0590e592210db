import type { Config } from "./config";
import type { Db } from "./db/types";
import type { Clock } from "./clock";
import { AuthzCache } from "./authz/cache";
import { PrivilegeEnforcer } from "./authz/enforcer";
import { Authorizer } from "./authz/authorizer";

/** The ports and domain services a request can reach; built once per process at the entry. */
export interface Services {
  config: Config;
  db: Db;
  clock: Clock;
  authz: Authorizer;
  /** Id of the metastore securable (created by bootstrap). */
  metastoreId: string;
}

export interface ServiceInputs {
  config: Config;
  db: Db;
  clock: Clock;
  /** Text of policies/model.conf, read by the entry (Workers have no filesystem). */
  authzModel: string;
  metastoreId: string;
}

/** Wires the domain services from the ports. */
export async function createServices(inputs: ServiceInputs): Promise<Services> {
  const cache = new AuthzCache(inputs.db, inputs.clock, inputs.config.authzFreshnessMs);
  const enforcer = await PrivilegeEnforcer.create(inputs.authzModel);
  return {
    config: inputs.config,
    db: inputs.db,
    clock: inputs.clock,
    authz: new Authorizer(cache, enforcer),
    metastoreId: inputs.metastoreId,
  };
}
