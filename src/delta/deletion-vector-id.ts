import type { DeletionVectorDescriptor } from "./actions";

/**
 * The unique id of a deletion vector (PROTOCOL.md "Deletion Vector Descriptor Schema"):
 * storageType + pathOrInlineDv, plus `@offset` when an offset is present. Together with the
 * file path it forms the logical-file key used by log replay.
 */
export function deletionVectorId(dv: DeletionVectorDescriptor): string {
  const base = dv.storageType + dv.pathOrInlineDv;
  return dv.offset === null || dv.offset === undefined ? base : `${base}@${dv.offset}`;
}

/** Replay key of a file action: canonical path, plus the DV id when there is one. */
export function fileKey(pathKey: string, dv: DeletionVectorDescriptor | null | undefined): string {
  return dv ? `${pathKey}\u0000${deletionVectorId(dv)}` : pathKey;
}
