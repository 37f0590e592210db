import type { Action, AddFile } from "./actions";
import { DeltaError } from "./errors";

/**
 * Lazily parsed `add` actions. Replay only needs each added file's path (its key), so for the
 * common shape of an add line — `{"add":{"path":"…"` first, no escapes in the path, no
 * deletion vector — it keeps the line's text and scans out the path; the line is parsed the
 * first time something reads the file's details. For a 100k-file log this halves the cost of
 * a snapshot (docs/benchmarks.md "Delta snapshot"); lines of any other shape are parsed at once.
 */
export type LoggedAdd = AddFile | string;

const PREFIX = '{"add":{"path":"';

/** Whether any line of a commit's text may carry a deletion vector (one scan per commit). */
export function mayHaveDeletionVectors(text: string): boolean {
  return text.indexOf('"deletionVector"') >= 0;
}

/**
 * The path of an add line when it has the simple shape, else undefined (parse the line).
 * @param dvPossible from {@link mayHaveDeletionVectors} of the line's commit
 */
export function scanSimpleAddPath(line: string, dvPossible: boolean): string | undefined {
  if (!line.startsWith(PREFIX)) return undefined;
  const quote = line.indexOf('"', PREFIX.length);
  if (quote < 0) return undefined;
  const path = line.slice(PREFIX.length, quote);
  // An escape means JSON.parse would give another string; a deletion vector changes the key.
  if (path.indexOf("\\") >= 0 || (dvPossible && line.indexOf('"deletionVector"', quote) >= 0)) return undefined;
  return path;
}

/** The path of a logged add, without parsing a raw line. */
export function loggedAddPath(add: LoggedAdd): string {
  return typeof add === "string" ? add.slice(PREFIX.length, add.indexOf('"', PREFIX.length)) : add.path;
}

/** The parsed `add` of a logged add. */
export function parseLoggedAdd(add: LoggedAdd): AddFile {
  if (typeof add !== "string") return add;
  let parsed: Action;
  try {
    parsed = JSON.parse(add) as Action;
  } catch (err) {
    throw new DeltaError("DELTA_LOG_CORRUPT", `the Delta log's add action for "${loggedAddPath(add)}" is not valid JSON`, { cause: err });
  }
  if (!parsed.add) throw new DeltaError("DELTA_LOG_CORRUPT", `the Delta log's add action for "${loggedAddPath(add)}" is malformed`);
  return parsed.add;
}
