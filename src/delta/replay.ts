import type { Action, AddFile, CommitInfo, DomainMetadata, Metadata, Protocol, RemoveFile, Txn } from "./actions";
import type { CheckpointSink } from "./checkpoint-leaves";
import { parseActionLine } from "./commit-reader";
import { fileKey } from "./deletion-vector-id";
import { canonicalPathKey } from "./paths";
import { mayHaveDeletionVectors, scanSimpleAddPath, type LoggedAdd } from "./raw-add";

const decoder = new TextDecoder();

/**
 * Log replay state (PROTOCOL.md "Action Reconciliation"): latest protocol and metaData win,
 * latest txn per appId, latest domainMetadata per domain, and for files the newest action per
 * logical-file key (path + DV id) wins — `add` makes it live, `remove` makes it a tombstone.
 *
 * Applied oldest-first: a checkpoint, then commits in version order. Stats stay unparsed JSON
 * strings and partition values stay raw; replay never needs them. The hot path (one `add`
 * per line, 100k+ lines) does not even parse a simple add line: it scans out the path for the
 * key and keeps the line, which Snapshot.files parses when first read (raw-add.ts). No per-commit action arrays,
 * no copies, keys built only from the path (+ DV id when present).
 * See docs/benchmarks.md for what replay costs relative to JSON.parse.
 */
export class ReplayState implements CheckpointSink {
  protocol?: Protocol;
  metadata?: Metadata;
  private readonly fileMap: Map<string, LoggedAdd>;
  private readonly tombstoneMap: Map<string, RemoveFile>;
  readonly txns: Map<string, Txn>;
  readonly domains: Map<string, DomainMetadata>;
  /** commitInfo of the most recently applied commit (only the snapshot version's is kept). */
  commitInfo?: CommitInfo;
  /** Adds of the commit being applied (removes go first); reused to spare arrays per commit. */
  private readonly pendingAdds: LoggedAdd[] = [];
  /** The paths of `pendingAdds` that are still raw lines (undefined for parsed ones). */
  private readonly pendingPaths: (string | undefined)[] = [];

  constructor(readonly rootDirUrl: string, from?: ReplayState) {
    this.protocol = from?.protocol;
    this.metadata = from?.metadata;
    this.fileMap = new Map(from?.fileMap);
    this.tombstoneMap = new Map(from?.tombstoneMap);
    this.txns = new Map(from?.txns);
    this.domains = new Map(from?.domains);
  }

  /** Number of live files. */
  get fileCount(): number {
    return this.fileMap.size;
  }

  /**
   * Live adds as kept — parsed, or raw lines not read yet — with their replay keys (the
   * decoded path relative to the table root for files inside it), for Snapshot.files.
   */
  liveLoggedAdds(): IterableIterator<[key: string, add: LoggedAdd]> {
    return this.fileMap.entries();
  }

  /** Tombstones (removes) still in the state. */
  tombstones(): RemoveFile[] {
    return [...this.tombstoneMap.values()];
  }

  /**
   * Apply one commit file's bytes: split lines with indexOf and apply each parsed line
   * directly (see {@link applyCommit} for the order rules).
   * @param name file name for error messages
   */
  applyCommitBytes(bytes: Uint8Array, name: string): void {
    const text = decoder.decode(bytes);
    this.commitInfo = undefined;
    const adds = this.pendingAdds;
    const paths = this.pendingPaths;
    const dvPossible = mayHaveDeletionVectors(text);
    const n = text.length;
    let start = 0;
    let line = 0;
    try {
      while (start < n) {
        let end = text.indexOf("\n", start);
        if (end < 0) end = n;
        line++;
        const last = end >= n - 1;
        const src = text.slice(start, end);
        // The last line is always parsed: a torn write shows there and must fail now.
        const simplePath = last ? undefined : scanSimpleAddPath(src, dvPossible);
        if (simplePath !== undefined) {
          adds.push(src);
          paths.push(simplePath);
          start = end + 1;
          continue;
        }
        const a = parseActionLine(src, name, line, last);
        start = end + 1;
        if (a === undefined) continue;
        if (a.add) {
          adds.push(a.add);
          paths.push(undefined);
        } else if (a.remove) this.setRemove(a.remove);
        else this.applyOther(a);
      }
      for (let i = 0; i < adds.length; i++) {
        const path = paths[i];
        const add = adds[i]!;
        if (path === undefined) this.setAdd(add as AddFile);
        else this.setLoggedAdd(canonicalPathKey(this.rootDirUrl, path), add);
      }
    } finally {
      adds.length = 0;
      paths.length = 0;
    }
  }

  /**
   * Apply one commit's actions. Actions inside a commit are unordered and a key appears at
   * most once per action type, so removes are applied before adds: a DV update logs
   * `remove(path, dvA)` + `add(path, dvB)`, two different keys, and either order is the same.
   */
  applyCommit(actions: readonly Action[]): void {
    this.commitInfo = undefined;
    const adds: AddFile[] = [];
    for (const a of actions) {
      if (a.add) adds.push(a.add);
      else if (a.remove) this.setRemove(a.remove);
      else this.applyOther(a);
    }
    for (const add of adds) this.setAdd(add);
  }

  /** Apply checkpoint (or compacted) actions: already reconciled, so order does not matter. */
  applyCheckpoint(actions: readonly Action[]): void {
    for (let i = 0; i < actions.length; i++) {
      const a = actions[i]!;
      if (a.add) this.setAdd(a.add);
      else if (a.remove) this.setRemove(a.remove);
      else this.other(a);
    }
  }

  // CheckpointSink: what readCheckpoint streams in.
  add(add: AddFile): void {
    this.setAdd(add);
  }
  remove(remove: RemoveFile): void {
    this.setRemove(remove);
  }
  /** A non-file checkpoint action (a commitInfo there would not describe the snapshot). */
  other(action: Action): void {
    if (!action.commitInfo) this.applyOther(action);
  }

  private setAdd(add: AddFile): void {
    this.setLoggedAdd(this.keyOf(add), add);
  }

  private setLoggedAdd(key: string, add: LoggedAdd): void {
    this.fileMap.set(key, add);
    if (this.tombstoneMap.size > 0) this.tombstoneMap.delete(key);
  }

  private setRemove(remove: RemoveFile): void {
    const key = this.keyOf(remove);
    this.fileMap.delete(key);
    this.tombstoneMap.set(key, remove);
  }

  private keyOf(f: AddFile | RemoveFile): string {
    const path = canonicalPathKey(this.rootDirUrl, f.path);
    return f.deletionVector ? fileKey(path, f.deletionVector) : path;
  }

  private applyOther(a: Action): void {
    if (a.metaData) this.metadata = a.metaData;
    else if (a.protocol) this.protocol = a.protocol;
    else if (a.txn) this.txns.set(a.txn.appId, a.txn);
    else if (a.domainMetadata) {
      if (a.domainMetadata.removed) this.domains.delete(a.domainMetadata.domain);
      else this.domains.set(a.domainMetadata.domain, a.domainMetadata);
    } else if (a.commitInfo) this.commitInfo = a.commitInfo;
    // cdc, sidecar, checkpointMetadata and unknown actions do not affect the snapshot state.
  }
}
