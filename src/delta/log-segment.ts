import type { ObjectStore } from "../storage/object-store";
import { DeltaError } from "./errors";
import { commitFileName } from "./filenames";
import { readLastCheckpoint } from "./last-checkpoint";
import {
  latestListedVersion,
  listLog,
  logUrlOf,
  notATable,
  type CheckpointRef,
  type ListedLogFile,
  type LogListing,
} from "./log-listing";

/** The files a reader combines to reconstruct one version (digest §2). */
export interface LogSegment {
  tableUrl: string;
  logUrl: string;
  version: number;
  /** Newest complete checkpoint ≤ version, if any. */
  checkpoint?: CheckpointRef;
  /** Commits after the checkpoint up to `version`, ascending and contiguous. */
  commits: ListedLogFile[];
  /** Newest version visible in the listing (≥ version). */
  latestVersion: number;
  listing: LogListing;
}

/**
 * Work out which checkpoint and commits make up `version` (default: the latest).
 *
 * Listing starts at `_last_checkpoint.version` when that hint is usable for the target; if the
 * hinted checkpoint is missing or incomplete we fall back to listing the whole log, because the
 * hint may be stale, point at a deleted file, or be garbage (PROTOCOL.md "Last Checkpoint File").
 * @throws DeltaError DELTA_NOT_A_TABLE, DELTA_VERSION_NOT_FOUND, DELTA_VERSIONS_NOT_CONTIGUOUS
 */
export async function buildLogSegment(store: ObjectStore, tableUrl: string, version?: number): Promise<LogSegment> {
  if (version !== undefined && (!Number.isSafeInteger(version) || version < 0)) {
    throw new DeltaError("DELTA_INVALID_ARGUMENT", `invalid table version ${version}`);
  }
  const logUrl = logUrlOf(tableUrl);
  const hint = await readLastCheckpoint(store, logUrl);
  let listing: LogListing | undefined;
  if (hint && hint.version > 0 && (version === undefined || hint.version <= version)) {
    const partial = await listLog(store, tableUrl, hint.version);
    // Usable only if it found a complete checkpoint at or after the hint (≤ target).
    if (pickCheckpoint(partial, version) !== undefined) listing = partial;
  }
  listing ??= await listLog(store, tableUrl, 0);
  return segmentFromListing(tableUrl, listing, version);
}

/** Build a segment from an existing listing (used by the snapshot cache and time travel). */
export function segmentFromListing(tableUrl: string, listing: LogListing, version?: number): LogSegment {
  const latest = latestListedVersion(listing);
  if (latest === undefined) throw notATable(tableUrl);
  const target = version ?? latest;
  if (target > latest) {
    throw new DeltaError("DELTA_VERSION_NOT_FOUND", `version ${target} does not exist; the latest version of ${tableUrl} is ${latest}`);
  }
  const checkpoint = pickCheckpoint(listing, target);
  const from = checkpoint ? checkpoint.version + 1 : 0;
  const commits: ListedLogFile[] = [];
  let lastPresent = checkpoint?.version;
  for (let v = from; v <= target; v++) {
    const commit = listing.commits.get(v);
    if (commit) {
      commits.push(commit);
      lastPresent = v;
      continue;
    }
    if (lastPresent === undefined) {
      // Nothing to start from: version 0 (or everything up to here) was cleaned up.
      const earliest = Math.min(...listing.commits.keys(), ...listing.checkpoints.keys());
      if (earliest > target) {
        throw new DeltaError(
          "DELTA_VERSION_NOT_FOUND",
          `cannot reconstruct version ${target} of ${tableUrl}: the earliest available version is ${earliest} and there is no checkpoint at or below ${target}`,
        );
      }
    }
    const next = nextPresent(listing, v, target);
    throw new DeltaError(
      "DELTA_VERSIONS_NOT_CONTIGUOUS",
      `versions not contiguous in ${listing.logUrl}: ${commitFileName(v)} (version ${v}) is missing` +
        (lastPresent !== undefined ? ` between ${lastPresent} and ${next ?? target}` : ""),
    );
  }
  return { tableUrl, logUrl: listing.logUrl, version: target, checkpoint, commits, latestVersion: latest, listing };
}

function pickCheckpoint(listing: LogListing, target: number | undefined): CheckpointRef | undefined {
  let best: CheckpointRef | undefined;
  for (const ref of listing.checkpoints.values()) {
    if (target !== undefined && ref.version > target) continue;
    if (!best || ref.version > best.version) best = ref;
  }
  return best;
}

function nextPresent(listing: LogListing, after: number, upTo: number): number | undefined {
  for (let v = after + 1; v <= upTo; v++) if (listing.commits.has(v)) return v;
  return undefined;
}
