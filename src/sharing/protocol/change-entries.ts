import type { Action, Metadata } from "../../delta/actions";
import { resolveLogPath } from "../../delta/paths";
import type { PartitionValues } from "../shares/partition-filter";
import type { CommitEntry } from "./commit-range";
import type { FileEntry } from "./file-lines";

/** A line-to-be of a change answer: a data file, or a metaData change at a version. */
export type ChangeItem = { file: FileEntry } | { metadata: Metadata; version: number };

/**
 * The data changes of a commit range (digest A.4 streaming, A.5 CDF):
 * - streaming: adds and removes with dataChange=true;
 * - CDF: the commit's `cdc` files when it has any, else its data-changing adds and removes;
 * plus the metaData actions met on the way. Files outside the recipient's partitions are left
 * out — also removes that do not say which partition they were in (fail closed).
 */
export function changeItems(
  commits: readonly CommitEntry[],
  mode: "streaming" | "cdf",
  tableUrl: string,
  partitionFilter: ((values: PartitionValues) => boolean) | undefined,
  logicalValues: (raw: Record<string, string | null> | null | undefined) => PartitionValues | undefined,
): ChangeItem[] {
  const items: ChangeItem[] = [];
  for (const commit of commits) {
    const at = { version: commit.version, timestamp: commit.timestamp };
    for (const a of commit.actions) if (a.metaData) items.push({ metadata: a.metaData, version: commit.version });
    const cdc = mode === "cdf" ? commit.actions.filter((a) => a.cdc) : [];
    const chosen: Action[] = cdc.length > 0 ? cdc : commit.actions.filter((a) => a.add?.dataChange || a.remove?.dataChange);
    for (const a of chosen) {
      const action = a.cdc ?? a.add ?? a.remove!;
      const kind = a.cdc ? "cdf" : a.add ? "add" : "remove";
      if (partitionFilter) {
        const values = logicalValues(action.partitionValues);
        if (!values || !partitionFilter(values)) continue;
      }
      items.push({ file: { kind, action, objectUrl: resolveLogPath(tableUrl, action.path), ...at } });
    }
  }
  return items;
}

/**
 * Partition values keyed by logical name from an action's (physical) map; undefined when the
 * action does not carry every partition column, so a filter cannot decide on it.
 */
export function logicalValuesOf(columns: readonly string[], logicalToPhysical: ReadonlyMap<string, string>) {
  return (raw: Record<string, string | null> | null | undefined): PartitionValues | undefined => {
    if (!raw) return undefined;
    const out: PartitionValues = {};
    for (const c of columns) {
      const key = logicalToPhysical.get(c) ?? c;
      if (!(key in raw)) return undefined;
      const v = raw[key];
      out[c] = v === undefined || v === null || v === "" ? null : v;
    }
    return out;
  };
}
