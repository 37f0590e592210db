import type { Action, AddFile, CommitInfo, DomainMetadata, Metadata, Protocol, RemoveFile, Txn } from "./actions";
import { parseActions } from "./commit-reader";
import { fileKey } from "./deletion-vector-id";
import { canonicalPathKey } from "./paths";

const decoder = new TextDecoder();

/**
 * Log replay state (PROTOCOL.md "Action Reconciliation"): latest protocol and metaData win,
 * latest txn per appId, latest domainMetadata per domain, and for files the newest action per
 * logical-file key (path + DV id) wins — `add` makes it live, `remove` makes it a tombstone.
 *
 * Applied oldest-first: a checkpoint, then commits in version order. Stats stay unparsed JSON
 * strings and partition values stay raw; replay never needs them (see docs/benchmarks.md for
 * what replay costs relative to JSON.parse).
 */
export class ReplayState {
  protocol?: Protocol;
  metadata?: Metadata;
  private readonly fileMap: Map<string, AddFile>;
  private readonly tombstoneMap: Map<string, RemoveFile>;
  readonly txns: Map<string, Txn>;
  readonly domains: Map<string, DomainMetadata>;
  /** commitInfo of the most recently applied commit (only the snapshot version's is kept). */
  commitInfo?: CommitInfo;

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

  /** Live `add` actions. */
  liveFiles(): AddFile[] {
    return [...this.fileMap.values()];
  }

  /** Tombstones (removes) still in the state. */
  tombstones(): RemoveFile[] {
    return [...this.tombstoneMap.values()];
  }

  /**
   * Apply one commit file's bytes.
   * @param name file name for error messages
   */
  applyCommitBytes(bytes: Uint8Array, name: string): void {
    this.applyCommit(parseActions(decoder.decode(bytes), name));
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
      else if (a.remove) this.removeKey(this.keyOf(a.remove), a.remove);
      else this.applyOther(a);
    }
    for (const add of adds) this.addKey(this.keyOf(add), add);
  }

  /** Apply checkpoint (or compacted) actions: already reconciled, so order does not matter. */
  applyCheckpoint(actions: readonly Action[]): void {
    for (const a of actions) {
      if (a.add) this.addKey(this.keyOf(a.add), a.add);
      else if (a.remove) this.removeKey(this.keyOf(a.remove), a.remove);
      else this.applyOther(a);
    }
    this.commitInfo = undefined;
  }

  private keyOf(f: AddFile | RemoveFile): string {
    return fileKey(canonicalPathKey(this.rootDirUrl, f.path), f.deletionVector);
  }

  private addKey(key: string, entry: AddFile): void {
    this.fileMap.set(key, entry);
    if (this.tombstoneMap.size > 0) this.tombstoneMap.delete(key);
  }

  private removeKey(key: string, entry: RemoveFile): void {
    this.fileMap.delete(key);
    this.tombstoneMap.set(key, entry);
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
