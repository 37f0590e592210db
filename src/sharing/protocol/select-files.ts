import type { DataFile, Snapshot } from "../../delta/snapshot";
import { fileNumRecords } from "../../delta/stats";
import type { PartitionValues } from "../shares/partition-filter";
import { mayMatch, type FileFacts } from "../pruning/evaluate";
import type { PredicateNode } from "../pruning/predicate";

/** What narrows a snapshot's files for one query. */
export interface FileSelection {
  /** The share's partitions for this recipient: mandatory, files outside are never served. */
  partitionFilter?: (values: PartitionValues) => boolean;
  /** Client hints (best effort). */
  predicate?: PredicateNode;
  limitHint?: number;
}

/**
 * The files of a snapshot a query returns, lazily: the share's partition filter first, then
 * the hints, then `limitHint` — stop once the files returned hold at least that many live rows
 * by their stats (numRecords minus deleted rows). Files without a row count never count
 * toward the limit, so the limit is never reached on guesses.
 */
export function* selectFiles(snapshot: Snapshot, sel: FileSelection, files: Iterable<DataFile> = snapshot.files): Generator<DataFile> {
  let rows = 0;
  const needValues = sel.partitionFilter !== undefined || sel.predicate !== undefined;
  for (const file of files) {
    if (needValues) {
      const values = snapshot.rawPartitionValues(file);
      if (sel.partitionFilter && !sel.partitionFilter(values)) continue;
      if (sel.predicate && !mayMatch(sel.predicate, factsOf(snapshot, file, values))) continue;
    }
    yield file;
    if (sel.limitHint !== undefined) {
      const n = fileNumRecords(file.add);
      if (n !== undefined) rows += n - (file.add.deletionVector?.cardinality ?? 0);
      if (rows >= sel.limitHint) return;
    }
  }
}

function factsOf(snapshot: Snapshot, file: DataFile, values: PartitionValues): FileFacts {
  const partitionValues = new Map(Object.entries(values).map(([k, v]) => [k.toLowerCase(), v]));
  let stats: ReturnType<Snapshot["stats"]> | null = null;
  return { partitionValues, stats: () => (stats === null ? (stats = snapshot.stats(file)) : stats) };
}
