import type { ObjectStore } from "../storage/object-store";
import { isStorageError } from "../storage/errors";

/** The `_last_checkpoint` hint (PROTOCOL.md "Last Checkpoint File"). */
export interface LastCheckpointHint {
  version: number;
  size?: number;
  parts?: number;
  sizeInBytes?: number;
  numOfAddFiles?: number;
  [key: string]: unknown;
}

/**
 * Read `_last_checkpoint`. It is only a hint: missing, empty or unparseable files (the golden
 * `corrupted-last-checkpoint` table has a zero-byte one) yield undefined and the caller lists
 * the log instead. Only `version` and `parts` are relied on, since old writers used other
 * field spellings.
 */
export async function readLastCheckpoint(store: ObjectStore, logUrl: string): Promise<LastCheckpointHint | undefined> {
  let bytes: Uint8Array;
  try {
    bytes = await store.get(`${logUrl}_last_checkpoint`);
  } catch (err) {
    if (isStorageError(err, "STORAGE_NOT_FOUND")) return undefined;
    throw err;
  }
  try {
    const json = JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
    const version = Number(json.version);
    if (!Number.isSafeInteger(version) || version < 0) return undefined;
    const parts = json.parts === undefined || json.parts === null ? undefined : Number(json.parts);
    return { ...json, version, parts: Number.isSafeInteger(parts) ? parts : undefined };
  } catch {
    return undefined;
  }
}

/** Write `_last_checkpoint` (a plain overwrite: it is a hint, races are harmless). */
export async function writeLastCheckpoint(store: ObjectStore, logUrl: string, hint: LastCheckpointHint): Promise<void> {
  await store.put(`${logUrl}_last_checkpoint`, new TextEncoder().encode(JSON.stringify(hint)));
}
