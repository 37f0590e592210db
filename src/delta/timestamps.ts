import type { ObjectStore } from "../storage/object-store";
import { DeltaError } from "./errors";
import { ictSettings, readInCommitTimestamp, type IctSettings } from "./ict";
import { segmentFromListing } from "./log-segment";
import { listLog, type LogListing } from "./log-listing";
import { readCheckpoint } from "./checkpoint-reader";
import { readActionsFile } from "./commit-reader";
import { ReplayState } from "./replay";
import { asDirectoryUrl } from "../storage/url";
import type { Metadata } from "./actions";

/**
 * Timestamp → version resolution (digest §12).
 *
 * Without ICT a version's timestamp is its commit file's modification time, adjusted like
 * Spark so timestamps strictly increase (a commit not later than its predecessor counts as
 * predecessor + 1 ms). With ICT it is commitInfo.inCommitTimestamp, which writers keep strictly
 * increasing, so we binary-search the ICT versions and read only O(log n) commits.
 *
 * Choice for a timestamp after the latest commit: like delta-spark, time travel refuses it
 * (DELTA_TIMESTAMP_OUT_OF_RANGE) unless `clampToLatest` is set; the change data feed uses
 * clamping for its ending timestamp.
 */
export interface TimestampOptions {
  clampToLatest?: boolean;
}

/** Greatest version whose commit timestamp ≤ `timestamp`. */
export async function versionAtTimestamp(store: ObjectStore, tableUrl: string, timestamp: number, options: TimestampOptions = {}): Promise<number> {
  const timeline = await timelineOf(store, tableUrl);
  const { first, last } = timeline;
  if (timestamp < (await timeline.at(first))) {
    throw new DeltaError("DELTA_TIMESTAMP_OUT_OF_RANGE", `timestamp ${iso(timestamp)} is before the earliest available commit (version ${first} at ${iso(await timeline.at(first))})`);
  }
  if (timestamp > (await timeline.at(last)) && !options.clampToLatest) {
    throw new DeltaError("DELTA_TIMESTAMP_OUT_OF_RANGE", `timestamp ${iso(timestamp)} is after the latest commit (version ${last} at ${iso(await timeline.at(last))})`);
  }
  // Largest v with ts(v) <= timestamp.
  let lo = first;
  let hi = last;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if ((await timeline.at(mid)) <= timestamp) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Smallest version whose commit timestamp ≥ `timestamp` (a CDF starting timestamp). */
export async function versionAtOrAfterTimestamp(store: ObjectStore, tableUrl: string, timestamp: number): Promise<number> {
  const timeline = await timelineOf(store, tableUrl);
  const { first, last } = timeline;
  if (timestamp > (await timeline.at(last))) {
    throw new DeltaError("DELTA_TIMESTAMP_OUT_OF_RANGE", `timestamp ${iso(timestamp)} is after the latest commit (version ${last} at ${iso(await timeline.at(last))})`);
  }
  let lo = first;
  let hi = last;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if ((await timeline.at(mid)) >= timestamp) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Commit timestamps of every available version, computed lazily. */
interface Timeline {
  first: number;
  last: number;
  at(version: number): Promise<number>;
}

async function timelineOf(store: ObjectStore, tableUrl: string): Promise<Timeline> {
  const listing = await listLog(store, tableUrl, 0);
  const latest = buildLatestMetadata(store, tableUrl, listing);
  const ict = ictSettings(await latest);
  const versions = [...listing.commits.keys()].sort((a, b) => a - b);
  if (versions.length === 0) throw new DeltaError("DELTA_NOT_A_TABLE", `no commits under ${listing.logUrl}`);
  // The earliest *readable* version: the oldest commit that has a checkpoint at or below it or
  // a contiguous run from 0; we simply take the oldest listed commit at or after a checkpoint.
  const minCheckpoint = Math.min(...listing.checkpoints.keys());
  const first = versions[0] === 0 ? 0 : versions.find((v) => v >= minCheckpoint) ?? versions[versions.length - 1]!;
  const last = versions[versions.length - 1]!;
  const mtimes = adjustedMtimes(listing, versions);
  const ictCache = new Map<number, Promise<number>>();
  return {
    first,
    last,
    at(version: number): Promise<number> {
      if (ict && usesIct(ict, version)) {
        let p = ictCache.get(version);
        if (!p) ictCache.set(version, (p = readInCommitTimestamp(store, listing.commits.get(version)!.url)));
        return p;
      }
      return Promise.resolve(mtimes.get(version)!);
    },
  };
}

function usesIct(ict: IctSettings, version: number): boolean {
  return version >= ict.fromVersion;
}

/** mtime per version, forced strictly increasing the way delta-spark does it. */
function adjustedMtimes(listing: LogListing, versions: number[]): Map<number, number> {
  const out = new Map<number, number>();
  let prev = -Infinity;
  for (const v of versions) {
    const t = Math.max(listing.commits.get(v)!.lastModified, prev + 1);
    out.set(v, t);
    prev = t;
  }
  return out;
}

/** Latest metadata, needed only to know whether ICT is on; replays the tail of the log. */
async function buildLatestMetadata(store: ObjectStore, tableUrl: string, listing: LogListing): Promise<Metadata> {
  const segment = segmentFromListing(tableUrl, listing);
  const state = new ReplayState(asDirectoryUrl(tableUrl));
  // Newest metaData wins: scan commits newest-first and stop at the first metaData.
  for (let i = segment.commits.length - 1; i >= 0; i--) {
    const meta = (await readActionsFile(store, segment.commits[i]!.url)).find((a) => a.metaData)?.metaData;
    if (meta) return meta;
  }
  if (segment.checkpoint) await readCheckpoint(store, segment.checkpoint, state);
  if (!state.metadata) throw new DeltaError("DELTA_LOG_CORRUPT", `no metaData found in ${listing.logUrl}`);
  return state.metadata;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

