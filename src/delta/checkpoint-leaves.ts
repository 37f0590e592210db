import { parquetMetadata, parquetSchema } from "hyparquet";
import type { Action, AddFile, RemoveFile } from "./actions";
import { dvFromRow, withoutNulls } from "./checkpoint-rows";
import { UnsupportedLayout } from "./parquet-encodings";
import { fieldTree, RowGroupReader, type Field } from "./parquet-nested";

/**
 * Checkpoint actions straight from the leaf columns replay needs (PROTOCOL.md "Checkpoint
 * Schema"), without hyparquet's row assembly. Only the `add`/`remove` fields an AddFile or
 * RemoveFile keeps are decoded (not `stats_parsed`, `partitionValues_parsed` or unknown
 * extras); the few other actions (metaData, protocol, txn, …) are rebuilt generically.
 * Produces exactly what the generic path (checkpoint-reader.ts) produces, in row order.
 *
 * @param buffer the whole parquet file
 * @param columns top-level action columns wanted
 * @throws UnsupportedLayout when the file needs the generic reader (rare encodings or types,
 *   or `stats_parsed` standing in for missing JSON stats); Error when it is malformed
 */
export function checkpointActionsFromLeaves(buffer: ArrayBuffer, columns: readonly string[]): Action[] {
  const metadata = parquetMetadata(buffer);
  const root = fieldTree(parquetSchema(metadata));
  const top = new Map(root.children.map((f) => [f.name, f]));
  const file = new Uint8Array(buffer);
  const out: Action[] = [];
  for (const group of metadata.row_groups) {
    const reader = new RowGroupReader(file, group);
    const kinds = new Uint8Array(reader.numRows); // 1 add, 2 remove, 3 other
    const others = new Map<number, Action>();
    const adds = columns.includes("add") && top.get("add") ? fileActions(reader, top.get("add")!, ADD_FIELDS, kinds, 1) : undefined;
    const removes = columns.includes("remove") && top.get("remove") ? fileActions(reader, top.get("remove")!, REMOVE_FIELDS, kinds, 2) : undefined;
    for (const name of columns) {
      const f = top.get(name);
      if (!f || name === "add" || name === "remove") continue;
      const rows = reader.presentRows(f).filter((r) => kinds[r] === 0);
      if (rows.length === 0) continue;
      const values = reader.valuesAt(f, rows);
      for (let i = 0; i < rows.length; i++) {
        kinds[rows[i]!] = 3;
        others.set(rows[i]!, { [name]: withoutNulls(values[i] as Record<string, unknown>) } as Action);
      }
    }
    for (let r = 0; r < reader.numRows; r++) {
      const k = kinds[r];
      if (k === 1) out.push({ add: buildAdd(adds!, r) });
      else if (k === 2) out.push({ remove: buildRemove(removes!, r) });
      else if (k === 3) out.push(others.get(r)!);
    }
  }
  return out;
}

const ADD_FIELDS = [
  "path", "partitionValues", "size", "modificationTime", "dataChange", "stats", "tags", "deletionVector",
  "baseRowId", "defaultRowCommitVersion", "clusteringProvider",
] as const;
const REMOVE_FIELDS = [
  "path", "deletionTimestamp", "dataChange", "extendedFileMetadata", "partitionValues", "size", "deletionVector",
  "baseRowId", "defaultRowCommitVersion",
] as const;

type FieldName = (typeof ADD_FIELDS)[number] | (typeof REMOVE_FIELDS)[number];

/** Per-row values of each wanted child of `add`/`remove` (absent = null in every row). */
interface FileColumns {
  v: Partial<Record<FieldName, unknown[]>>;
  /** The file has `add.stats_parsed`, which stands in for JSON stats where those are null. */
  statsParsed: boolean;
}

/** Mark the rows holding this action and decode the children replay keeps. */
function fileActions(reader: RowGroupReader, f: Field, names: readonly FieldName[], kinds: Uint8Array, kind: number): FileColumns | undefined {
  const rows = reader.presentRows(f);
  let any = false;
  for (const r of rows) {
    if (kinds[r] === 0) {
      kinds[r] = kind;
      any = true;
    }
  }
  if (!any) return undefined;
  const cols: FileColumns = { v: {}, statsParsed: f.children.some((c) => c.name === "stats_parsed") };
  for (const name of names) {
    const child = f.children.find((c) => c.name === name);
    if (child && reader.anyPresent(child)) cols.v[name] = reader.valuesAt(child, null);
  }
  return cols;
}

function buildAdd(cols: FileColumns, r: number): AddFile {
  const c = cols.v;
  const path = c.path?.[r];
  if (typeof path !== "string") throw new Error(`checkpoint add action in row ${r} has no path`);
  const add: AddFile = {
    path,
    partitionValues: (c.partitionValues?.[r] ?? {}) as Record<string, string | null>,
    size: (c.size?.[r] ?? null) as number,
    modificationTime: (c.modificationTime?.[r] ?? null) as number,
    dataChange: (c.dataChange?.[r] ?? null) as boolean,
  };
  const stats = c.stats?.[r];
  if (stats != null) add.stats = stats as string;
  else if (cols.statsParsed) throw new UnsupportedLayout("stats only as stats_parsed"); // typed stats: hyparquet converts them
  const tags = c.tags?.[r];
  if (tags != null) add.tags = tags as Record<string, string>;
  const dv = c.deletionVector ? dvFromRow(c.deletionVector[r]) : null;
  if (dv) add.deletionVector = dv;
  const baseRowId = c.baseRowId?.[r];
  if (baseRowId != null) add.baseRowId = baseRowId as number;
  const drcv = c.defaultRowCommitVersion?.[r];
  if (drcv != null) add.defaultRowCommitVersion = drcv as number;
  const clustering = c.clusteringProvider?.[r];
  if (clustering != null) add.clusteringProvider = clustering as string;
  return add;
}

function buildRemove(cols: FileColumns, r: number): RemoveFile {
  const c = cols.v;
  const path = c.path?.[r];
  if (typeof path !== "string") throw new Error(`checkpoint remove action in row ${r} has no path`);
  const remove: RemoveFile = { path, dataChange: (c.dataChange?.[r] ?? null) as boolean };
  const ts = c.deletionTimestamp?.[r];
  if (ts != null) remove.deletionTimestamp = ts as number;
  const ext = c.extendedFileMetadata?.[r];
  if (ext != null) remove.extendedFileMetadata = ext as boolean;
  const pv = c.partitionValues?.[r];
  if (pv != null) remove.partitionValues = pv as Record<string, string | null>;
  const size = c.size?.[r];
  if (size != null) remove.size = size as number;
  const dv = c.deletionVector ? dvFromRow(c.deletionVector[r]) : null;
  if (dv) remove.deletionVector = dv;
  const baseRowId = c.baseRowId?.[r];
  if (baseRowId != null) remove.baseRowId = baseRowId as number;
  const drcv = c.defaultRowCommitVersion?.[r];
  if (drcv != null) remove.defaultRowCommitVersion = drcv as number;
  return remove;
}
