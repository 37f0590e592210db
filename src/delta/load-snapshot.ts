import type { ObjectStore } from "../storage/object-store";
import { asDirectoryUrl } from "../storage/url";
import { readCheckpoint } from "./checkpoint-reader";
import { prefetchInOrder } from "./concurrency";
import { DeltaError } from "./errors";
import { ictSettings, readInCommitTimestamp } from "./ict";
import type { ListedLogFile } from "./log-listing";
import { buildLogSegment, type LogSegment } from "./log-segment";
import { assertReadable } from "./protocol-gate";
import { ReplayState } from "./replay";
import { Snapshot } from "./snapshot";
import { versionAtTimestamp } from "./timestamps";

/** Which version to load: latest (default), a version, or the version as of a timestamp. */
export interface SnapshotOptions {
  version?: number;
  /** Epoch ms: load the greatest version whose commit timestamp ≤ this (digest §12). */
  timestamp?: number;
}

/** Commit files fetched concurrently during replay. */
export const COMMIT_FETCH_CONCURRENCY = 32;

/**
 * Load a table's snapshot (digest §2): pick the checkpoint and commits, replay them, validate
 * that protocol and metaData exist, and refuse tables needing unsupported reader features.
 * @param store object store that serves the table URL
 * @param tableUrl table root, e.g. `s3://bucket/tables/t`
 * @throws DeltaError (DELTA_NOT_A_TABLE, DELTA_VERSION_NOT_FOUND, DELTA_VERSIONS_NOT_CONTIGUOUS,
 *   DELTA_TIMESTAMP_OUT_OF_RANGE, DELTA_LOG_CORRUPT, DELTA_UNSUPPORTED_FEATURE)
 */
export async function loadSnapshot(store: ObjectStore, tableUrl: string, options: SnapshotOptions = {}): Promise<Snapshot> {
  if (options.version !== undefined && options.timestamp !== undefined) {
    throw new DeltaError("DELTA_INVALID_ARGUMENT", "give either a version or a timestamp, not both");
  }
  const version = options.timestamp !== undefined ? await versionAtTimestamp(store, tableUrl, options.timestamp) : options.version;
  const segment = await buildLogSegment(store, tableUrl, version);
  const state = new ReplayState(asDirectoryUrl(tableUrl));
  // Start fetching commits while the checkpoint is read; apply strictly in order.
  const checkpoint = segment.checkpoint ? readCheckpoint(store, segment.checkpoint, state) : undefined;
  checkpoint?.catch(() => undefined);
  const commits = prefetchInOrder(segment.commits, COMMIT_FETCH_CONCURRENCY, (c) => store.get(c.url));
  if (checkpoint) {
    await checkpoint;
    requireProtocolAndMetadata(state, `checkpoint ${segment.checkpoint!.files[0]!.name}`);
  }
  await applyCommits(state, segment.commits, commits);
  return finishSnapshot(store, tableUrl, segment, state);
}

/**
 * Parse and apply prefetched commit bytes in version order.
 * @param files the commits, ascending (for names in errors)
 * @param bytes their contents, in the same order
 */
export async function applyCommits(state: ReplayState, files: readonly ListedLogFile[], bytes: AsyncIterable<Uint8Array>): Promise<void> {
  let i = 0;
  for await (const b of bytes) state.applyCommitBytes(b, files[i++]!.name);
}

/**
 * Validate a replayed state and wrap it as a Snapshot. Shared by loadSnapshot and the
 * snapshot cache (which replays only new commits on top of a cached state).
 */
export async function finishSnapshot(
  store: ObjectStore,
  tableUrl: string,
  segment: LogSegment,
  state: ReplayState,
  baseSource?: { checkpointVersion?: number; commitVersions: number[] },
): Promise<Snapshot> {
  requireProtocolAndMetadata(state, `version ${segment.version}`);
  assertReadable(state.protocol!);
  const timestamp = await versionTimestamp(store, segment, state);
  return new Snapshot(store, tableUrl, segment.version, state, timestamp, {
    checkpointVersion: baseSource ? baseSource.checkpointVersion : segment.checkpoint?.version,
    commitVersions: [...(baseSource?.commitVersions ?? []), ...segment.commits.map((c) => c.version)],
    latestVersionSeen: segment.latestVersion,
  });
}

function requireProtocolAndMetadata(state: ReplayState, where: string): void {
  if (!state.protocol || !state.metadata) {
    const missing = [!state.protocol && "protocol", !state.metadata && "metaData"].filter(Boolean).join(" and ");
    throw new DeltaError("DELTA_LOG_CORRUPT", `${where} has no ${missing} action: the log is incomplete or corrupt`);
  }
}

/** The commit timestamp of the segment's version (ICT when on, else the file's mtime). */
async function versionTimestamp(store: ObjectStore, segment: LogSegment, state: ReplayState): Promise<number> {
  const v = segment.version;
  const ict = ictSettings(state.metadata!);
  const commit = segment.listing.commits.get(v);
  if (ict && v >= ict.fromVersion) {
    const own = segment.commits.length > 0 && segment.commits[segment.commits.length - 1]!.version === v;
    const fromState = own ? state.commitInfo?.inCommitTimestamp : undefined;
    if (typeof fromState === "number") return fromState;
    if (commit) return readInCommitTimestamp(store, commit.url);
  }
  if (commit) return commit.lastModified;
  return segment.checkpoint?.files[0]?.lastModified ?? 0;
}
