/**
 * Names of files in `_delta_log` (PROTOCOL.md "Delta Log Entries", "Checkpoints",
 * "Log Compaction Files"). Versions are zero-padded to 20 digits so that lexicographic order is
 * numeric order, which is what makes "list from version N" a single start-after listing.
 */

/** What a `_delta_log` entry is. */
export type LogFile =
  | { kind: "commit"; version: number; name: string }
  | { kind: "checkpoint"; version: number; name: string; format: "classic" }
  | { kind: "checkpoint"; version: number; name: string; format: "multipart"; part: number; parts: number }
  | { kind: "checkpoint"; version: number; name: string; format: "v2"; ext: "json" | "parquet" }
  | { kind: "compacted"; version: number; name: string; endVersion: number }
  | { kind: "crc"; version: number; name: string };

const COMMIT = /^(\d{20})\.json$/;
const CLASSIC = /^(\d{20})\.checkpoint\.parquet$/;
const MULTIPART = /^(\d{20})\.checkpoint\.(\d{10})\.(\d{10})\.parquet$/;
const V2 = /^(\d{20})\.checkpoint\.[0-9a-fA-F-]{36}\.(json|parquet)$/;
const COMPACTED = /^(\d{20})\.(\d{20})\.compacted\.json$/;
const CRC = /^(\d{20})\.crc$/;

/** Zero-pad a version to the 20 digits used in log file names. */
export function padVersion(version: number): string {
  return String(version).padStart(20, "0");
}

/** Name of the commit file for `version`. */
export function commitFileName(version: number): string {
  return `${padVersion(version)}.json`;
}

/** Name of the classic single-file checkpoint for `version`. */
export function checkpointFileName(version: number): string {
  return `${padVersion(version)}.checkpoint.parquet`;
}

/**
 * Classify a file name found directly in `_delta_log`; anything else (Hadoop `.crc` side files,
 * `_last_checkpoint`, temp files, directories) returns undefined and is ignored.
 */
export function parseLogFileName(name: string): LogFile | undefined {
  let m = COMMIT.exec(name);
  if (m) return { kind: "commit", version: Number(m[1]), name };
  m = CLASSIC.exec(name);
  if (m) return { kind: "checkpoint", version: Number(m[1]), name, format: "classic" };
  m = MULTIPART.exec(name);
  if (m) {
    const part = Number(m[2]);
    const parts = Number(m[3]);
    if (part < 1 || part > parts) return undefined;
    return { kind: "checkpoint", version: Number(m[1]), name, format: "multipart", part, parts };
  }
  m = V2.exec(name);
  if (m) return { kind: "checkpoint", version: Number(m[1]), name, format: "v2", ext: m[2] as "json" | "parquet" };
  m = COMPACTED.exec(name);
  if (m) {
    const start = Number(m[1]);
    const end = Number(m[2]);
    return start < end ? { kind: "compacted", version: start, endVersion: end, name } : undefined;
  }
  m = CRC.exec(name);
  if (m) return { kind: "crc", version: Number(m[1]), name };
  return undefined;
}
