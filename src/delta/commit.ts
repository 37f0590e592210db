import { isStorageError } from "../storage/errors";
import type { ObjectStore } from "../storage/object-store";
import type { Action, CommitInfo } from "./actions";
import { readActionsFile } from "./commit-reader";
import { DeltaError } from "./errors";
import { commitFileName } from "./filenames";
import { ictSettings } from "./ict";
import { listLog, logUrlOf } from "./log-listing";

/** What a transaction wants to commit on top of `readVersion` (-1 to create the table). */
export interface PendingCommit {
  readVersion: number;
  /** Actions other than commitInfo. */
  actions: Action[];
  operation: string;
  operationParameters?: Record<string, unknown>;
  /**
   * Only adds, no reads of table data: may be retried on top of winners that did not
   * change metadata/protocol, remove files or commit the same txn appId.
   */
  isBlindAppend: boolean;
  /** ICT of `readVersion` (ms) when in-commit timestamps are on. */
  previousInCommitTimestamp?: number;
}

export interface CommitOptions {
  /** Retries after losing the race (blind appends only). Default 10. */
  maxRetries?: number;
  engineInfo?: string;
  clock?: () => number;
}

/** Outcome of a successful commit. */
export interface CommittedVersion {
  version: number;
  /** Versions committed by others that we retried on top of. */
  retriedOver: number[];
  commitInfo: CommitInfo;
}

/**
 * Commit with put-if-absent of `_delta_log/<v>.json` (PROTOCOL.md "Commit Protocol"). Exactly
 * one writer creates a given version; a loser re-reads the winning commits and either retries
 * at the next version (blind appends that do not conflict) or fails with DELTA_COMMIT_CONFLICT.
 * The log is never overwritten, so it cannot be corrupted by racing writers.
 */
export async function commitWithRetry(store: ObjectStore, tableUrl: string, pending: PendingCommit, options: CommitOptions = {}): Promise<CommittedVersion> {
  const maxRetries = options.maxRetries ?? 10;
  const clock = options.clock ?? Date.now;
  const logUrl = logUrlOf(tableUrl);
  const metadata = pending.actions.find((a) => a.metaData)?.metaData;
  const appIds = new Set(pending.actions.filter((a) => a.txn).map((a) => a.txn!.appId));
  let version = pending.readVersion + 1;
  let previousIct = pending.previousInCommitTimestamp;
  const retriedOver: number[] = [];
  for (let attempt = 0; ; attempt++) {
    const now = clock();
    const commitInfo: CommitInfo = {
      timestamp: now,
      operation: pending.operation,
      operationParameters: pending.operationParameters ?? {},
      ...(pending.readVersion >= 0 ? { readVersion: pending.readVersion } : {}),
      isolationLevel: "Serializable",
      isBlindAppend: pending.isBlindAppend,
      engineInfo: options.engineInfo ?? "Lakeward",
      txnId: crypto.randomUUID(),
    };
    const ictOn = previousIct !== undefined || (metadata !== undefined && ictSettings(metadata) !== undefined);
    // ICT must strictly increase: max(now, previous + 1); commitInfo goes first (PROTOCOL.md "In-Commit Timestamps").
    if (ictOn) commitInfo.inCommitTimestamp = Math.max(now, (previousIct ?? -Infinity) + 1);
    const body = [{ commitInfo }, ...pending.actions].map((a) => JSON.stringify(a)).join("\n") + "\n";
    try {
      await store.putIfAbsent(logUrl + commitFileName(version), new TextEncoder().encode(body));
      return { version, retriedOver, commitInfo };
    } catch (err) {
      if (!isStorageError(err, "STORAGE_ALREADY_EXISTS")) throw err;
    }
    // Lost the race for `version`.
    if (!pending.isBlindAppend || pending.readVersion < 0) {
      throw new DeltaError("DELTA_COMMIT_CONFLICT", pending.readVersion < 0
        ? `table ${tableUrl} was created concurrently (version 0 exists)`
        : `concurrent modification: version ${version} was committed by another writer after version ${pending.readVersion} was read`);
    }
    if (attempt >= maxRetries) {
      throw new DeltaError("DELTA_COMMIT_CONFLICT", `gave up after ${maxRetries} retries: other writers keep committing to ${tableUrl}`);
    }
    const listing = await listLog(store, tableUrl, version);
    const latest = Math.max(...listing.commits.keys());
    for (let v = version; v <= latest; v++) {
      const winner = listing.commits.get(v);
      if (!winner) throw new DeltaError("DELTA_VERSIONS_NOT_CONTIGUOUS", `commit ${commitFileName(v)} is missing while retrying`);
      const actions = await readActionsFile(store, winner.url);
      checkWinner(actions, v, appIds);
      const ict = actions.find((a) => a.commitInfo)?.commitInfo?.inCommitTimestamp;
      if (typeof ict === "number") previousIct = ict;
      retriedOver.push(v);
    }
    version = latest + 1;
  }
}

/** A blind append conflicts with a winner that changed the table's shape or removed files. */
function checkWinner(actions: Action[], version: number, appIds: ReadonlySet<string>): void {
  const fail = (why: string) => new DeltaError("DELTA_COMMIT_CONFLICT", `concurrent commit at version ${version} ${why}; re-read the table and try again`);
  for (const a of actions) {
    if (a.metaData) throw fail("changed the table metadata (schema, partitioning or properties)");
    if (a.protocol) throw fail("changed the table protocol");
    if (a.remove && a.remove.dataChange !== false) throw fail(`removed file ${a.remove.path}`);
    if (a.txn && appIds.has(a.txn.appId)) throw fail(`committed transaction ${a.txn.appId} v${a.txn.version} for the same application`);
  }
}
