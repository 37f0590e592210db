import type { RequestContext } from "../context";
import { permissionDenied } from "../errors";
import { asNode, findCoveringLocation } from "./coverage";

const PRIVILEGE = { table: "CREATE EXTERNAL TABLE", volume: "CREATE EXTERNAL VOLUME", managed: "CREATE MANAGED STORAGE" } as const;
const OPERATION = {
  table: "external_location.createExternalTable",
  volume: "external_location.createExternalVolume",
  managed: "external_location.createManagedStorage",
} as const;
const WHAT = { table: "EXTERNAL tables", volume: "EXTERNAL volumes", managed: "Managed locations of catalogs and schemas" } as const;

/**
 * The hook EXTERNAL table and volume creation — and a catalog's or schema's MANAGED LOCATION —
 * calls before it touches storage (issue 7 §1): the location must lie under an external
 * location, and the caller must own it or hold CREATE EXTERNAL TABLE / CREATE EXTERNAL VOLUME /
 * CREATE MANAGED STORAGE on it (uc-oss §3.3). `file://` paths too: a storage path nobody
 * registered is nobody's to use, metastore admins included — they create the external
 * location first. Without the managed case, anyone allowed to create a catalog could point
 * its managed tables at another team's bucket and have them vended with that team's role.
 */
export async function authorizeExternalStorage(ctx: RequestContext, location: string, kind: "table" | "volume" | "managed"): Promise<void> {
  const covering = await findCoveringLocation(ctx.services.db, location);
  if (!covering) {
    throw permissionDenied(
      `No external location covers ${location}. ${WHAT[kind]} must live under an external location; ask an admin to create one (CREATE EXTERNAL LOCATION) and grant you ${PRIVILEGE[kind]} on it.`,
    );
  }
  const verdict = await ctx.services.authz.check(ctx.principal, OPERATION[kind], asNode(covering));
  if (!verdict.allowed) {
    throw permissionDenied(`User does not have ${PRIVILEGE[kind]} on External location '${covering.name}', which covers ${location}.`);
  }
}
