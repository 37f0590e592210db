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
import { createSharingServices, type S3AccessResolver, type SharingServices } from "./sharing/services";
import { serverS3Access, serverStorageAccess } from "./credentials/server-credentials";
import { CredentialedS3ObjectStore } from "./storage/s3-credentialed";
import { createCredentialServices, type CredentialServices } from "./credentials/services";
import type { Sts } from "./credentials/sts";
import type { VendedCredentialCache } from "./credentials/cache";

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
  /** Object storage by URL scheme (file:// on Node; s3:// everywhere, through storage credentials). */
  storage: ObjectStoreResolver;
  /** Delta snapshots, cached per table version (issue 5 §7). */
  snapshots: SnapshotCache;
  /** The SQL statements this process can run (the query engine adds its own on Node). */
  statements: StatementHandlers;
  /** Delta Sharing: server keys and the S3 credentials port (issue 8). */
  sharing: SharingServices;
  /** STS port and vended-credential cache (issue 7). */
  credentials: CredentialServices;
}

export interface ServiceInputs {
  config: Config;
  db: Db;
  clock: Clock;
  /**
   * The casbin model: the text of policies/model.conf (read by the entry; Workers have no
   * filesystem), or an enforcer already built from it — Workers build services per request
   * and keep one enforcer per isolate rather than parse and compile the model every time.
   */
  authzModel: string | PrivilegeEnforcer;
  metastoreId: string;
  /**
   * Object store adapters per URL scheme, chosen by the entry. `s3` defaults to the store that
   * reaches each URL with its external location's storage credential (issue 7), which needs
   * these services to find it — so it is built here, not by the entry.
   */
  stores?: Record<string, ObjectStore>;
  /** Extra SQL statement handlers (e.g. the DuckDB engine on Node). */
  statementHandlers?: StatementHandlers;
  /** Scoped S3 credentials for pre-signing shared files (the credentials module, issue 7). */
  sharingS3Access?: S3AccessResolver;
  /** The STS adapter (issue 7); without one, S3 credential vending fails with a clear error. */
  sts?: Sts;
  /** A vended-credential cache that outlives these services (Workers build services per request). */
  credentialCache?: VendedCredentialCache;
}

/** Wires the domain services from the ports. */
export async function createServices(inputs: ServiceInputs): Promise<Services> {
  const cache = new AuthzCache(inputs.db, inputs.clock, inputs.config.authzFreshnessMs);
  const enforcer = typeof inputs.authzModel === "string" ? await PrivilegeEnforcer.create(inputs.authzModel) : inputs.authzModel;
  const storage = new ObjectStoreResolver({ s3: new CredentialedS3ObjectStore(serverStorageAccess(() => services), () => inputs.clock.now()), ...inputs.stores });
  // Delta Sharing pre-signs S3 files with credentials the credentials module vends (issue 8 §4).
  const s3Access: S3AccessResolver = inputs.sharingS3Access ?? ((url) => serverS3Access(() => services)(url));
  const services: Services = {
    config: inputs.config,
    db: inputs.db,
    clock: inputs.clock,
    authz: new Authorizer(cache, enforcer),
    metastoreId: inputs.metastoreId,
    identity: createIdentityServices(inputs.config, inputs.db, inputs.clock),
    storage,
    snapshots: new SnapshotCache(storage),
    statements: { ...governanceHandlers, ...inputs.statementHandlers },
    sharing: createSharingServices(inputs.db, inputs.clock, s3Access),
    credentials: createCredentialServices(inputs.clock, inputs.sts, inputs.credentialCache),
  };
  return services;
}
