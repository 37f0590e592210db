import type { ObjectStore } from "../storage/object-store";
import type { Action } from "./actions";
import { DeltaError } from "./errors";

/**
 * Parse newline-delimited JSON actions (a commit, a compacted file, a v2 JSON checkpoint).
 *
 * Strictness: a commit file is written atomically (put-if-absent of the whole object), so a
 * line that does not parse — typically a torn last line — means the object is damaged. We do
 * not silently drop it, since dropping an `add` or `remove` would produce a wrong snapshot; the
 * error names the file and line (digest §8). Blank lines (a trailing newline) are fine.
 * @param text file contents
 * @param name file name for error messages
 */
export function parseActions(text: string, name: string): Action[] {
  const actions: Action[] = [];
  let start = 0;
  let line = 0;
  const n = text.length;
  while (start < n) {
    let end = text.indexOf("\n", start);
    if (end < 0) end = n;
    line++;
    const action = parseActionLine(text.slice(start, end), name, line, end >= n - 1);
    if (action) actions.push(action);
    start = end + 1;
  }
  return actions;
}

/**
 * Parse one line; blank lines (a trailing newline, a lone CR) give undefined.
 * @param last whether this is the file's last line (a torn write shows up there)
 */
export function parseActionLine(src: string, name: string, line: number, last: boolean): Action | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(src);
  } catch (err) {
    if (src.trim() === "") return undefined;
    throw tornLine(name, line, last, err);
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw new DeltaError("DELTA_LOG_CORRUPT", `${name} line ${line} is not a JSON object`);
  }
  return parsed as Action;
}

function tornLine(name: string, line: number, last: boolean, cause: unknown): DeltaError {
  const what = last ? "is truncated or unparseable (torn write?)" : "is not valid JSON";
  return new DeltaError("DELTA_LOG_CORRUPT", `corrupt Delta log file ${name}: line ${line} ${what}`, { cause });
}

const decoder = new TextDecoder();

/**
 * Read and parse one commit (or other NDJSON log) file.
 * @param store object store
 * @param url the file's URL
 */
export async function readActionsFile(store: ObjectStore, url: string): Promise<Action[]> {
  const bytes = await store.get(url);
  return parseActions(decoder.decode(bytes), url.slice(url.lastIndexOf("/") + 1));
}
