import { md5Hex } from "./md5";
import { sha256Hex } from "./sha256";

/** How file ids are derived (digest A.6 `fileidhash`): parquet = MD5, delta = SHA-256. */
export type FileIdScheme = "parquet" | "delta";

const cache: Record<FileIdScheme, WeakMap<object, string>> = { parquet: new WeakMap(), delta: new WeakMap() };

/**
 * The stable id of a file: a hash of its path exactly as logged, so the same file has the same
 * id in every response and version (Spark matches refreshed URLs by id, digest A.11). Cached
 * per action object: cached snapshots keep their actions, so repeated queries hash nothing.
 */
export function fileId(action: { path: string }, scheme: FileIdScheme): string {
  const hit = cache[scheme].get(action);
  if (hit !== undefined) return hit;
  const id = scheme === "parquet" ? md5Hex(action.path) : sha256Hex(action.path);
  cache[scheme].set(action, id);
  return id;
}

/** Id of a deletion vector file, derived from its descriptor's location. */
export function deletionVectorFileId(dv: { storageType: string; pathOrInlineDv: string }, scheme: FileIdScheme): string {
  const key = `${dv.storageType}:${dv.pathOrInlineDv}`;
  return scheme === "parquet" ? md5Hex(key) : sha256Hex(key);
}
