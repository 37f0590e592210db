import type { Services } from "../../services";
import { LakewardError } from "../../errors";
import type { AddFile } from "../../delta/actions";
import type { DataFile, Snapshot } from "../../delta/snapshot";
import { readActionsFile } from "../../delta/commit-reader";
import { commitFileName } from "../../delta/filenames";
import { deletionVectorUrl } from "../../delta/deletion-vectors";
import { resolveLogPath } from "../../delta/paths";
import { asDirectoryUrl } from "../../storage/url";
import { isWithin } from "../../catalog/locations";
import { findSecurableById } from "../../catalog/rows";
import { hasShareGrant } from "../shares/grant-rows";
import { compilePartitionFilter } from "../shares/partition-filter";
import { assertServable } from "../protocol/access";
import { sharedTablesOf } from "../protocol/shared-tables";
import { logicalValuesOf } from "../protocol/change-entries";
import { partitionTypes } from "../protocol/table-call";
import { openToken } from "./mac-token";
import type { FileGrantPayload } from "./file-urls";
import { fromBase64url } from "./keys";

/** A file a signed URL may open, and who it was granted to (for the audit row). */
export interface OpenedFile {
  objectUrl: string;
  grant: FileGrantPayload;
  recipientName: string;
}

const refused = (message: string) => new LakewardError("PERMISSION_DENIED", message);

/**
 * Checks a Lakeward file URL (issue 8 §4) and returns the object it opens. Refused: a token
 * whose MAC fails (tampering) or that has expired; a path with `.`/`..` segments; a grant no
 * longer in force (revoked, share or table removed, recipient dropped, table no longer
 * servable); a file that is not in the granted version — or not in this recipient's
 * partitions — and anything outside the table's location.
 */
export async function openSharedFile(services: Services, token: string, kind: string, segments: readonly string[]): Promise<OpenedFile> {
  const grant = await openToken<FileGrantPayload>(await services.sharing.keys.hmacKey(), "file", token);
  if (!grant) throw refused("This file URL is not valid (its signature does not match).");
  if (!(grant.expiresAt > services.clock.now())) throw refused("This file URL has expired; query the table again for fresh URLs.");
  // Segments are decoded one by one: an encoded `/` or `\` inside one is an attempt to climb.
  if (segments.length === 0 || segments.some((s) => s === "" || s === "." || s === ".." || /[\u0000/\\]/.test(s))) {
    throw new LakewardError("INVALID_ARGUMENT", "Invalid file path in URL.");
  }
  const recipient = await findSecurableById(services.db, grant.recipientId);
  if (!recipient || !(await hasShareGrant(services.db, grant.shareId, grant.recipientId))) throw refused("Access to this share has been revoked.");
  const share = await findSecurableById(services.db, grant.shareId);
  const table = (await sharedTablesOf(services.db, grant.shareId)).find((t) => t.node.id === grant.tableId);
  if (!share || !table) throw refused("This table is no longer shared.");
  const location = await assertServable(services, { id: share.id, name: share.name, ownerId: share.ownerId }, table);
  const latest = await services.snapshots.get(location);
  const filter = compilePartitionFilter(table.partitions, recipient.properties, partitionTypes(latest));
  const target = kind === "d" ? { dv: new TextDecoder().decode(fromBase64url(segments[0] ?? "")) } : { path: segments.join("/") };
  const objectUrl =
    grant.kind === "s"
      ? fromSnapshot(await services.snapshots.get(location, { version: grant.version }), target, filter, location)
      : await fromCommit(services, location, grant.version, target, filter, logicalValuesOf(latest.partitionColumns, latest.columnMapping.logicalToPhysical));
  if (!objectUrl) throw new LakewardError("NOT_FOUND", "No such file in the shared table version.");
  if (!isWithin(objectUrl, asDirectoryUrl(location).slice(0, -1))) throw refused("This file lies outside the shared table.");
  return { objectUrl, grant, recipientName: recipient.name };
}

type Target = { path: string } | { dv: string };
type Filter = ((values: Record<string, string | null>) => boolean) | undefined;

const index = new WeakMap<Snapshot, Map<string, DataFile>>();

function fromSnapshot(snapshot: Snapshot, target: Target, filter: Filter, location: string): string | undefined {
  let byPath = index.get(snapshot);
  if (!byPath) index.set(snapshot, (byPath = new Map(snapshot.files.map((f) => [f.add.path, f]))));
  const allowed = (f: DataFile) => !filter || filter(snapshot.rawPartitionValues(f));
  if ("path" in target) {
    const file = byPath.get(target.path);
    return file && allowed(file) ? file.url : undefined;
  }
  const file = snapshot.files.find((f) => f.add.deletionVector?.pathOrInlineDv === target.dv && allowed(f));
  return file ? deletionVectorUrl(location, file.add.deletionVector!) : undefined;
}

async function fromCommit(services: Services, location: string, version: number, target: Target, filter: Filter, values: ReturnType<typeof logicalValuesOf>): Promise<string | undefined> {
  const actions = await readActionsFile(services.storage, `${asDirectoryUrl(location)}_delta_log/${commitFileName(version)}`);
  for (const a of actions) {
    const action = (a.add ?? a.remove ?? a.cdc) as AddFile | undefined;
    if (!action) continue;
    const pv = filter ? values(action.partitionValues) : undefined;
    if (filter && (!pv || !filter(pv))) continue;
    if ("path" in target && action.path === target.path) return resolveLogPath(location, action.path);
    if ("dv" in target && action.deletionVector?.pathOrInlineDv === target.dv) return deletionVectorUrl(location, action.deletionVector);
  }
  return undefined;
}
