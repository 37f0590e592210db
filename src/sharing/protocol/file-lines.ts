import type { AddCdcFile, AddFile, DeletionVectorDescriptor, RemoveFile } from "../../delta/actions";
import { deletionVectorUrl } from "../../delta/deletion-vectors";
import type { FileUrls } from "../files/file-urls";
import { deletionVectorFileId, fileId, type FileIdScheme } from "../files/file-ids";
import type { ResponseFormat } from "./capabilities";
import { line } from "./lines";

/** One data line to write: which wrapper, the log action, where its object is. */
export interface FileEntry {
  /** Parquet wrapper: `file` (snapshots), `add`/`remove` (streaming, CDF), `cdf` (CDF). */
  kind: "file" | "add" | "remove" | "cdf";
  action: AddFile | RemoveFile | AddCdcFile;
  objectUrl: string;
  /** Commit version and timestamp (ms), for lines that carry them. */
  version?: number;
  timestamp?: number;
}

export interface LineContext {
  format: ResponseFormat;
  idScheme: FileIdScheme;
  tableUrl: string;
}

/**
 * A data line (digest A.8): parquet `file`/`add`/`remove`/`cdf` objects, or a delta `file`
 * whose `deltaSingleAction` is the log action with its path (and any deletion vector file)
 * replaced by a signed URL.
 */
export async function fileLine(ctx: LineContext, entry: FileEntry, urls: FileUrls): Promise<string> {
  const action = entry.action as AddFile & RemoveFile;
  const url = await urls.file(entry.objectUrl, action.path);
  const id = fileId(action, ctx.idScheme);
  const at = entry.version === undefined ? {} : { version: entry.version, timestamp: entry.timestamp };
  const stats = typeof action.stats === "string" ? action.stats : action.stats_parsed ? JSON.stringify(action.stats_parsed) : undefined;
  if (ctx.format === "parquet") {
    const body: Record<string, unknown> = { url, id, partitionValues: action.partitionValues ?? {}, size: action.size ?? 0 };
    if (stats !== undefined && entry.kind !== "cdf" && entry.kind !== "remove") body.stats = stats;
    return line({ [entry.kind]: { ...body, ...at, expirationTimestamp: urls.expiresAt } });
  }
  const copy: Record<string, unknown> = { ...action, path: url };
  delete copy.stats_parsed;
  if (stats !== undefined) copy.stats = stats;
  const out: Record<string, unknown> = { id };
  if (action.deletionVector && action.deletionVector.storageType !== "i") {
    const dv = action.deletionVector;
    copy.deletionVector = await signedDv(ctx.tableUrl, dv, urls);
    out.deletionVectorFileId = deletionVectorFileId(dv, ctx.idScheme);
  }
  const wrapper = entry.kind === "cdf" ? "cdc" : entry.kind === "remove" ? "remove" : "add";
  return line({ file: { ...out, ...at, expirationTimestamp: urls.expiresAt, deltaSingleAction: { [wrapper]: copy } } });
}

/** A deletion vector stored in a file, re-pointed at a signed URL (storage type `p`). */
async function signedDv(tableUrl: string, dv: DeletionVectorDescriptor, urls: FileUrls): Promise<DeletionVectorDescriptor> {
  const objectUrl = deletionVectorUrl(tableUrl, dv);
  if (!objectUrl) return dv;
  return { ...dv, storageType: "p", pathOrInlineDv: await urls.dv(objectUrl, dv.pathOrInlineDv) };
}
