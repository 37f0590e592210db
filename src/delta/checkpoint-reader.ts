import type { ObjectStore } from "../storage/object-store";
import type { Action } from "./actions";
import { checkpointActionsFromLeaves } from "./checkpoint-leaves";
import { addFromRow, removeFromRow, withoutNulls } from "./checkpoint-rows";
import { parseActions } from "./commit-reader";
import { DeltaError } from "./errors";
import type { CheckpointRef } from "./log-listing";
import { normaliseLongs, readParquetRows, toArrayBuffer } from "./parquet";
import { resolveLogPath } from "./paths";

/** Top-level checkpoint columns a snapshot needs (digest §2 "Performance notes"). */
const COLUMNS = ["add", "remove", "metaData", "protocol", "txn", "domainMetadata", "sidecar", "checkpointMetadata"];
const SIDECAR_COLUMNS = ["add", "remove"];

/**
 * Read every action of a checkpoint: classic, all parts of a multi-part one, or a v2 manifest
 * (parquet or JSON) plus the sidecar files it lists (PROTOCOL.md "V2 Spec", "Sidecar Files").
 * Parts and sidecars are fetched in parallel.
 */
export async function readCheckpoint(store: ObjectStore, ref: CheckpointRef): Promise<Action[]> {
  const perFile = await Promise.all(ref.files.map((f) => readCheckpointFile(store, f.url, f.name, COLUMNS)));
  const actions = perFile.flat();
  const sidecars = actions.filter((a) => a.sidecar).map((a) => a.sidecar!);
  if (sidecars.length === 0) return actions;
  const logUrl = ref.files[0]!.url.slice(0, ref.files[0]!.url.lastIndexOf("/") + 1);
  const fromSidecars = await Promise.all(
    sidecars.map((s) => {
      // Sidecar paths are usually bare file names relative to _delta_log/_sidecars/.
      const url = resolveLogPath(`${logUrl}_sidecars/`, s.path);
      return readCheckpointFile(store, url, s.path, SIDECAR_COLUMNS);
    }),
  );
  return actions.filter((a) => !a.sidecar).concat(...fromSidecars);
}

async function readCheckpointFile(store: ObjectStore, url: string, name: string, columns: string[]): Promise<Action[]> {
  let bytes: Uint8Array;
  try {
    bytes = await store.get(url);
  } catch (err) {
    throw new DeltaError("DELTA_LOG_CORRUPT", `checkpoint file ${url} cannot be read: ${String(err)}`, { cause: err });
  }
  if (name.endsWith(".json")) return parseActions(new TextDecoder().decode(bytes), name);
  try {
    return checkpointActionsFromLeaves(toArrayBuffer(bytes), columns);
  } catch {
    // Layouts the leaf reader does not handle (and damaged files) go through hyparquet, which
    // reads every parquet encoding and reports what is wrong with a damaged file.
  }
  const rows = await readParquetRows(bytes, columns, name);
  const out: Action[] = [];
  for (const row of rows) {
    if (row.add) out.push({ add: addFromRow(row.add as Record<string, unknown>) });
    else if (row.remove) out.push({ remove: removeFromRow(row.remove as Record<string, unknown>) });
    else {
      for (const key of columns) {
        const v = row[key];
        if (v !== null && v !== undefined) {
          out.push({ [key]: withoutNulls(normaliseLongs(v) as Record<string, unknown>) } as Action);
          break;
        }
      }
    }
  }
  return out;
}
