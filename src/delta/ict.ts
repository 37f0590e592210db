import type { ObjectStore } from "../storage/object-store";
import type { Metadata } from "./actions";
import { readActionsFile } from "./commit-reader";
import { DeltaError } from "./errors";

/**
 * In-commit timestamps (PROTOCOL.md "In-Commit Timestamps"): when
 * `delta.enableInCommitTimestamps` is on, a version's timestamp is its commitInfo's
 * `inCommitTimestamp` (commitInfo is the first action), not the file's modification time.
 * If ICT was enabled later, versions ≥ the enablement version use ICT, older ones mtimes.
 */
export interface IctSettings {
  /** First version whose timestamp is an ICT (0 when enabled at creation). */
  fromVersion: number;
  /** Timestamp of the enablement commit, when ICT was enabled after creation. */
  enablementTimestamp?: number;
}

/** ICT settings of a table's metadata, or undefined when ICT is off. */
export function ictSettings(metadata: Metadata): IctSettings | undefined {
  const c = metadata.configuration;
  if ((c["delta.enableInCommitTimestamps"] ?? "").toLowerCase() !== "true") return undefined;
  const v = c["delta.inCommitTimestampEnablementVersion"];
  const t = c["delta.inCommitTimestampEnablementTimestamp"];
  return {
    fromVersion: v === undefined ? 0 : Number(v),
    enablementTimestamp: t === undefined ? undefined : Number(t),
  };
}

/**
 * Read a commit's inCommitTimestamp.
 * @throws DeltaError DELTA_LOG_CORRUPT when the commit has none although ICT is on
 */
export async function readInCommitTimestamp(store: ObjectStore, commitUrl: string): Promise<number> {
  const actions = await readActionsFile(store, commitUrl);
  const ts = actions.find((a) => a.commitInfo)?.commitInfo?.inCommitTimestamp;
  if (typeof ts !== "number") {
    throw new DeltaError("DELTA_LOG_CORRUPT", `${commitUrl} has no commitInfo.inCommitTimestamp although in-commit timestamps are enabled`);
  }
  return ts;
}
