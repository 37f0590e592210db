import type { Config } from "./config";
import type { Db } from "./db/types";
import type { Clock } from "./clock";
import { AuthzCache } from "./authz/cache";
import { PrivilegeEnforcer } from "./authz/enforcer";
import { Authorizer } from "./authz/authorizer";
import { createIdentityServices, type IdentityServices } from "./auth/identity-services";
import { ObjectStoreResolver } from "./storage/resolver";
import type { ObjectStore } from "./storage/object-store";
import { SnapshotCache } from "./delta/snapshot-cache";
import type { StatementHandlers } from "./sql/execute/registry";
import { governanceHandlers } from "./sql/execute/handlers";

/** The ports and domain services a request can reach; built once per process at the entry. */
export interface Services {
  config: Config;
  db: Db;
  clock: Clock;
  authz: Authorizer;
  /** Id of the metastore securable (created by bootstrap). */
  metastoreId: string;
  /** OIDC key sets and Lakeward's signing keys (issue 3). */
  identity: IdentityServices;
  /** Object storage by URL scheme (file:// on Node, s3:// where configured). */
  storage: ObjectStoreResolver;
  /** Delta snapshots, cached per table version (issue 5 §7). */
  snapshots: SnapshotCache;
  /** The SQL statements this process can run (the query engine adds its own on Node). */
  statements: StatementHandlers;
}

export interface ServiceInputs {
  config: Config;
  db: Db;
  clock: Clock;
  /** Text of policies/model.conf, read by the entry (Workers have no filesystem). */
  authzModel: string;
  metastoreId: string;
  /** Object store adapters per URL scheme, chosen by the entry. */
  stores?: Record<string, ObjectStore>;
  /** Extra SQL statement handlers (e.g. the DuckDB engine on Node). */
  statementHandlers?: StatementHandlers;
}

/** Wires the domain services from the ports. */
export async function createServices(inputs: ServiceInputs): Promise<Services> {
  const cache = new AuthzCache(inputs.db, inputs.clock, inputs.config.authzFreshnessMs);
  const enforcer = await PrivilegeEnforcer.create(inputs.authzModel);
  const storage = new ObjectStoreResolver(inputs.stores ?? {});
  return {
    config: inputs.config,
    db: inputs.db,
    clock: inputs.clock,
    authz: new Authorizer(cache, enforcer),
    metastoreId: inputs.metastoreId,
    identity: createIdentityServices(inputs.config, inputs.db, inputs.clock),
    storage,
    snapshots: new SnapshotCache(storage),
    statements: { ...governanceHandlers, ...inputs.statementHandlers },
  };
}
