import { eq, sql } from "drizzle-orm";
import type { Db } from "./db/types";
import type { Config } from "./config";
import type { Clock } from "./clock";
import { securables } from "../schema/index";
import { insertPrincipal } from "./auth/principals";
import { issueAccessToken } from "./auth/access-tokens";
import { ACCOUNT_USERS } from "./authz/cache";
import { writeAuditEvent } from "./audit/write";

export interface BootstrapResult {
  metastoreId: string;
  /** Set only on the very first start: the admin's token, to be shown once. */
  adminToken?: string;
}

const BOOTSTRAP_LOCK = 7_263_540_002;

/**
 * First start of an empty database (issue 2 §3): the metastore, an `admin` user who owns it
 * (metastore admin), the built-in `account users` group, and a personal access token for the
 * admin. Idempotent and safe when several replicas start at once.
 */
export async function bootstrap(db: Db, config: Config, clock: Clock): Promise<BootstrapResult> {
  return db.transaction(async (txn) => {
    const tx = txn as unknown as Db;
    await tx.execute(sql`select pg_advisory_xact_lock(${BOOTSTRAP_LOCK})`);
    const [existing] = await tx.select({ id: securables.id }).from(securables).where(eq(securables.type, "metastore")).limit(1);
    if (existing) return { metastoreId: existing.id };
    const now = clock.now();
    const admin = await insertPrincipal(tx, { kind: "user", name: config.adminUserName, displayName: "Administrator" }, now);
    await insertPrincipal(tx, { kind: "group", name: ACCOUNT_USERS, displayName: ACCOUNT_USERS }, now);
    const metastoreId = crypto.randomUUID();
    await tx.insert(securables).values({
      id: metastoreId,
      type: "metastore",
      parentId: null,
      name: "metastore",
      fullName: "metastore",
      ownerId: admin.id,
      storageRoot: config.storageRoot,
      createdAt: now,
      createdBy: admin.name,
    });
    const issued = await issueAccessToken(tx, { principalId: admin.id, comment: "bootstrap admin token" }, now);
    await writeAuditEvent(tx, {
      eventTime: now,
      serviceName: "unityCatalog",
      actionName: "createMetastore",
      principalId: admin.id,
      principalName: admin.name,
      securableType: "metastore",
      securableFullName: "metastore",
      securableId: metastoreId,
      outcome: "success",
      statusCode: 200,
      details: { adminTokenId: issued.tokenId },
    });
    return { metastoreId, adminToken: issued.token };
  });
}
