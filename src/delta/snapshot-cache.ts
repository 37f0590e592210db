import type { ObjectStore } from "../storage/object-store";
import { asDirectoryUrl } from "../storage/url";
import { prefetchInOrder } from "./concurrency";
import { listLog } from "./log-listing";
import { applyCommits, COMMIT_FETCH_CONCURRENCY, finishSnapshot, loadSnapshot, type SnapshotOptions } from "./load-snapshot";
import type { LogSegment } from "./log-segment";
import { ReplayState } from "./replay";
import type { Snapshot } from "./snapshot";
import { versionAtTimestamp } from "./timestamps";

/**
 * A bounded LRU of snapshots keyed by table URL + version, so repeated reads of one version
 * never replay the log again. A "latest" read costs one listing of `_delta_log` starting after
 * the newest cached version; if new commits exist, only they are applied on top of the cached
 * state (incremental replay) instead of replaying from the checkpoint.
 */
export class SnapshotCache {
  private readonly entries = new Map<string, Promise<Snapshot>>();
  private readonly latest = new Map<string, number>();
  /** Number of full or incremental replays performed (for tests and metrics). */
  replays = 0;

  constructor(
    private readonly store: ObjectStore,
    private readonly maxEntries = 64,
  ) {}

  /** Snapshot at a version, a timestamp, or (default) the latest version. */
  async get(tableUrl: string, options: SnapshotOptions = {}): Promise<Snapshot> {
    const url = asDirectoryUrl(tableUrl);
    if (options.timestamp !== undefined) {
      return this.get(url, { version: await versionAtTimestamp(this.store, url, options.timestamp) });
    }
    if (options.version !== undefined) return this.atVersion(url, options.version);
    return this.latestOf(url);
  }

  /** Forget every cached snapshot of a table (e.g. after it was dropped or replaced). */
  invalidate(tableUrl: string): void {
    const url = asDirectoryUrl(tableUrl);
    this.latest.delete(url);
    for (const key of [...this.entries.keys()]) if (key.startsWith(`${url}@`)) this.entries.delete(key);
  }

  private atVersion(url: string, version: number): Promise<Snapshot> {
    const key = `${url}@${version}`;
    const hit = this.entries.get(key);
    if (hit) {
      this.touch(key, hit);
      return hit;
    }
    this.replays++;
    return this.remember(key, loadSnapshot(this.store, url, { version }));
  }

  private async latestOf(url: string): Promise<Snapshot> {
    const known = this.latest.get(url);
    const cached = known === undefined ? undefined : this.entries.get(`${url}@${known}`);
    if (known === undefined || !cached) {
      this.replays++;
      const snap = await loadSnapshot(this.store, url);
      this.remember(`${url}@${snap.version}`, Promise.resolve(snap));
      this.latest.set(url, Math.max(snap.version, this.latest.get(url) ?? -1));
      return snap;
    }
    const base = await cached;
    // Cheap freshness check: list only entries after the cached version.
    const listing = await listLog(this.store, url, known + 1);
    const newer = [...listing.commits.keys()].sort((a, b) => a - b);
    if (newer.length === 0) {
      this.touch(`${url}@${known}`, cached);
      return base;
    }
    const contiguous = newer.every((v, i) => v === known + 1 + i);
    this.replays++;
    let snap: Snapshot;
    if (!contiguous) {
      snap = await loadSnapshot(this.store, url); // reports the gap precisely
    } else {
      const commits = newer.map((v) => listing.commits.get(v)!);
      const state = new ReplayState(url, base.state);
      await applyCommits(state, commits, prefetchInOrder(commits, COMMIT_FETCH_CONCURRENCY, (c) => this.store.get(c.url)));
      const segment: LogSegment = {
        tableUrl: url, logUrl: listing.logUrl, version: newer[newer.length - 1]!, commits,
        latestVersion: newer[newer.length - 1]!, listing,
      };
      snap = await finishSnapshot(this.store, url, segment, state, base.source);
    }
    this.remember(`${url}@${snap.version}`, Promise.resolve(snap));
    this.latest.set(url, snap.version);
    return snap;
  }

  private remember(key: string, p: Promise<Snapshot>): Promise<Snapshot> {
    this.touch(key, p);
    // A failed load must not stay cached.
    p.catch(() => {
      if (this.entries.get(key) === p) this.entries.delete(key);
    });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
    return p;
  }

  private touch(key: string, p: Promise<Snapshot>): void {
    this.entries.delete(key);
    this.entries.set(key, p);
  }
}
