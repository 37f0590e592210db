import { listAll, type ObjectMeta, type ObjectStore } from "../storage/object-store";
import { asDirectoryUrl } from "../storage/url";
import { DeltaError } from "./errors";
import { padVersion, parseLogFileName, type LogFile } from "./filenames";

/** A listed `_delta_log` entry: its parsed name plus the object's metadata. */
export type ListedLogFile = LogFile & { url: string; size: number; lastModified: number };

/** One complete checkpoint: a classic file, all parts of a multi-part one, or a v2 manifest. */
export interface CheckpointRef {
  version: number;
  format: "classic" | "multipart" | "v2";
  files: ListedLogFile[];
}

/** What a listing of `_delta_log` found. */
export interface LogListing {
  logUrl: string;
  commits: Map<number, ListedLogFile>;
  /** Complete checkpoints by version (incomplete multi-part sets are dropped). */
  checkpoints: Map<number, CheckpointRef>;
  compactions: ListedLogFile[];
  /** The version listing started from (0 = the whole log). */
  listedFrom: number;
}

/** `<table>/_delta_log/` for a table root URL. */
export function logUrlOf(tableUrl: string): string {
  return `${asDirectoryUrl(tableUrl)}_delta_log/`;
}

/**
 * List `_delta_log`, from version `fromVersion` on (0 = everything). Only direct children
 * whose names match the protocol's patterns are kept — `_sidecars/`, `_staged_commits/`,
 * `.crc` side files and `_last_checkpoint` are skipped.
 */
export async function listLog(store: ObjectStore, tableUrl: string, fromVersion = 0): Promise<LogListing> {
  const logUrl = logUrlOf(tableUrl);
  const commits = new Map<number, ListedLogFile>();
  const compactions: ListedLogFile[] = [];
  const partSets = new Map<string, ListedLogFile[]>();
  const startAfter = fromVersion > 0 ? logUrl + padVersion(fromVersion) : undefined;
  for await (const meta of listAll(store, logUrl, { startAfter })) {
    const file = classify(meta, logUrl);
    if (!file || file.version < fromVersion) continue;
    if (file.kind === "commit") commits.set(file.version, file);
    else if (file.kind === "compacted") compactions.push(file);
    else if (file.kind === "checkpoint") {
      // Group so completeness can be judged: multi-part by (version, parts); others alone.
      const group = file.format === "multipart" ? `${file.version}.m${file.parts}` : `${file.version}.${file.name}`;
      partSets.set(group, [...(partSets.get(group) ?? []), file]);
    }
  }
  const checkpoints = new Map<number, CheckpointRef>();
  for (const files of partSets.values()) {
    const first = files[0]!;
    if (first.kind !== "checkpoint") continue;
    if (first.format === "multipart") {
      // Complete only if every part 1..p exists (PROTOCOL.md "Checkpoints").
      const seen = new Set(files.map((f) => (f.kind === "checkpoint" && f.format === "multipart" ? f.part : 0)));
      if (seen.size !== first.parts || ![...seen].every((p) => p >= 1 && p <= first.parts)) continue;
      files.sort((a, b) => (a.kind === "checkpoint" && a.format === "multipart" && b.kind === "checkpoint" && b.format === "multipart" ? a.part - b.part : 0));
    }
    const prev = checkpoints.get(first.version);
    // Several complete checkpoints for one version are equivalent; prefer v2, then classic.
    const rank = { v2: 0, classic: 1, multipart: 2 } as const;
    if (!prev || rank[first.format] < rank[prev.format]) {
      checkpoints.set(first.version, { version: first.version, format: first.format, files });
    }
  }
  return { logUrl, commits, checkpoints, compactions, listedFrom: fromVersion };
}

function classify(meta: ObjectMeta, logUrl: string): ListedLogFile | undefined {
  const name = meta.url.slice(logUrl.length);
  if (name.includes("/")) return undefined;
  const parsed = parseLogFileName(name);
  return parsed && { ...parsed, url: meta.url, size: meta.size, lastModified: meta.lastModified };
}

/** Highest version the listing can produce, or undefined for an empty log. */
export function latestListedVersion(listing: LogListing): number | undefined {
  let latest: number | undefined;
  for (const v of listing.commits.keys()) if (latest === undefined || v > latest) latest = v;
  for (const v of listing.checkpoints.keys()) if (latest === undefined || v > latest) latest = v;
  return latest;
}

/** Error for a table location without any log entries. */
export function notATable(tableUrl: string): DeltaError {
  return new DeltaError("DELTA_NOT_A_TABLE", `not a Delta table: no commits or checkpoints under ${logUrlOf(tableUrl)}`);
}
