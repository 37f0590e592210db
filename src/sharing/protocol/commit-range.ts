import type { ObjectStore } from "../../storage/object-store";
import type { Action, Metadata } from "../../delta/actions";
import { readActionsFile } from "../../delta/commit-reader";
import { ictSettings } from "../../delta/ict";
import { listLog } from "../../delta/log-listing";
import { mapLimit } from "../../delta/concurrency";
import { badParameter } from "./errors";

/** One commit of a range: its version, commit timestamp (ms) and actions. */
export interface CommitEntry {
  version: number;
  timestamp: number;
  actions: Action[];
}

export interface CommitRange {
  latest: number;
  start: number;
  end: number;
  commits: CommitEntry[];
}

/**
 * The commits `start..end` of a table (inclusive; `end` defaults to, and is clamped to, the
 * latest version — digest A.5), for streaming queries and the change data feed. Timestamps
 * follow the Delta library's rule: in-commit timestamps when enabled (per the metadata in
 * force, starting from `startMetadata`), else commit file times forced to increase.
 */
export async function readCommitRange(store: ObjectStore, tableUrl: string, start: number, end: number | undefined, startMetadata: Metadata): Promise<CommitRange> {
  const listing = await listLog(store, tableUrl, start);
  const versions = [...listing.commits.keys()].filter((v) => v >= start).sort((a, b) => a - b);
  const latest = versions.length ? versions[versions.length - 1]! : -1;
  if (start > latest) throw badParameter(`Starting version ${start} is after the latest version ${latest}.`);
  const last = Math.min(end ?? latest, latest);
  if (last < start) throw badParameter(`Ending version ${end} is before starting version ${start}.`);
  const files = [];
  for (let v = start; v <= last; v++) {
    const f = listing.commits.get(v);
    if (!f) throw badParameter(`Version ${v} is no longer available (its commit was cleaned up).`);
    files.push(f);
  }
  const actions = await mapLimit(files, 16, (f) => readActionsFile(store, f.url));
  const commits: CommitEntry[] = [];
  let metadata = startMetadata;
  let previous = -Infinity;
  for (let i = 0; i < files.length; i++) {
    const version = start + i;
    metadata = actions[i]!.find((a) => a.metaData)?.metaData ?? metadata;
    const ict = ictSettings(metadata);
    const inCommit = actions[i]!.find((a) => a.commitInfo)?.commitInfo?.inCommitTimestamp;
    const timestamp = ict && version >= ict.fromVersion && typeof inCommit === "number" ? inCommit : Math.max(files[i]!.lastModified, previous + 1);
    previous = timestamp;
    commits.push({ version, timestamp, actions: actions[i]! });
  }
  return { latest, start, end: last, commits };
}
