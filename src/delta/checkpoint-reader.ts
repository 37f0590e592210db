import type { ObjectStore } from "../storage/object-store";
import type { Action, AddFile, RemoveFile, Sidecar } from "./actions";
import { readCheckpointLeaves, type CheckpointSink } from "./checkpoint-leaves";
import { addFromRow, removeFromRow, withoutNulls } from "./checkpoint-rows";
import { parseActions } from "./commit-reader";
import { DeltaError } from "./errors";
import type { CheckpointRef } from "./log-listing";
import { normaliseLongs, readParquetRows, toArrayBuffer } from "./parquet";
import { resolveLogPath } from "./paths";

/** Top-level checkpoint columns a snapshot needs (digest §2 "Performance notes"). */
export const CHECKPOINT_READ_COLUMNS = ["add", "remove", "metaData", "protocol", "txn", "domainMetadata", "sidecar", "checkpointMetadata"];
const SIDECAR_COLUMNS = ["add", "remove"];

/**
 * Read every action of a checkpoint into `sink`: classic, all parts of a multi-part one, or a
 * v2 manifest (parquet or JSON) plus the sidecar files it lists (PROTOCOL.md "V2 Spec",
 * "Sidecar Files"). Parts and sidecars are fetched in parallel; checkpoint actions are
 * already reconciled, so the order they reach the sink in does not matter.
 */
export async function readCheckpoint(store: ObjectStore, ref: CheckpointRef, sink: CheckpointSink): Promise<void> {
  const sidecars: Sidecar[] = [];
  const manifest = new SidecarCollector(sink, sidecars);
  await Promise.all(ref.files.map((f) => readCheckpointFile(store, f.url, f.name, CHECKPOINT_READ_COLUMNS, manifest)));
  if (sidecars.length === 0) return;
  const logUrl = ref.files[0]!.url.slice(0, ref.files[0]!.url.lastIndexOf("/") + 1);
  await Promise.all(
    sidecars.map((s) => {
      // Sidecar paths are usually bare file names relative to _delta_log/_sidecars/.
      const url = resolveLogPath(`${logUrl}_sidecars/`, s.path);
      return readCheckpointFile(store, url, s.path, SIDECAR_COLUMNS, sink);
    }),
  );
}

/** Passes actions on, keeping the manifest's `sidecar` actions for a second round. */
class SidecarCollector implements CheckpointSink {
  constructor(private readonly sink: CheckpointSink, private readonly sidecars: Sidecar[]) {}
  add(add: AddFile): void {
    this.sink.add(add);
  }
  remove(remove: RemoveFile): void {
    this.sink.remove(remove);
  }
  other(action: Action): void {
    if (action.sidecar) this.sidecars.push(action.sidecar);
    else this.sink.other(action);
  }
}

async function readCheckpointFile(store: ObjectStore, url: string, name: string, columns: readonly string[], sink: CheckpointSink): Promise<void> {
  let bytes: Uint8Array;
  try {
    bytes = await store.get(url);
  } catch (err) {
    throw new DeltaError("DELTA_LOG_CORRUPT", `checkpoint file ${url} cannot be read: ${String(err)}`, { cause: err });
  }
  if (name.endsWith(".json")) {
    for (const a of parseActions(new TextDecoder().decode(bytes), name)) toSink(sink, a);
    return;
  }
  try {
    readCheckpointLeaves(toArrayBuffer(bytes), columns, sink);
    return;
  } catch {
    // Layouts the leaf reader does not handle (and damaged files) go through hyparquet, which
    // reads every parquet encoding and reports what is wrong with a damaged file. Actions the
    // leaf reader already sent are sent again: harmless, replay keeps one per key.
  }
  await readCheckpointRows(bytes, name, columns, sink);
}

/**
 * The generic path: hyparquet assembles whole rows, which become actions. Slower, but
 * reads any parquet layout; also the reference the leaf reader is tested against.
 * @throws DeltaError DELTA_LOG_CORRUPT when the file cannot be decoded
 */
export async function readCheckpointRows(bytes: Uint8Array, name: string, columns: readonly string[], sink: CheckpointSink): Promise<void> {
  const rows = await readParquetRows(bytes, columns, name);
  for (const row of rows) {
    if (row.add) sink.add(addFromRow(row.add as Record<string, unknown>));
    else if (row.remove) sink.remove(removeFromRow(row.remove as Record<string, unknown>));
    else {
      for (const key of columns) {
        const v = row[key];
        if (v !== null && v !== undefined) {
          sink.other({ [key]: withoutNulls(normaliseLongs(v) as Record<string, unknown>) } as Action);
          break;
        }
      }
    }
  }
}

function toSink(sink: CheckpointSink, a: Action): void {
  if (a.add) sink.add(a.add);
  else if (a.remove) sink.remove(a.remove);
  else sink.other(a);
}
