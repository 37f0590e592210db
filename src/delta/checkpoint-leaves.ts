import { parquetMetadata, parquetSchema } from "hyparquet";
import type { Action, AddFile, DeletionVectorDescriptor, RemoveFile } from "./actions";
import { bool, DvCursor, leafCursor, mapCursor, num, str, type MapCursor } from "./checkpoint-cursors";
import { withoutNulls } from "./checkpoint-rows";
import { UnsupportedLayout } from "./parquet-encodings";
import type { LeafCursor, LeafKind } from "./parquet-leaf";
import { fieldTree, RowGroupReader, type Field } from "./parquet-nested";

/** Receives checkpoint actions as they are decoded (ReplayState implements it). */
export interface CheckpointSink {
  add(add: AddFile): void;
  remove(remove: RemoveFile): void;
  other(action: Action): void;
}

/**
 * Checkpoint actions straight from the leaf columns replay needs (PROTOCOL.md "Checkpoint
 * Schema"), without hyparquet's row assembly, streamed into `sink` in row order. Only the
 * `add`/`remove` fields an AddFile/RemoveFile keeps are decoded (not `stats_parsed`,
 * `partitionValues_parsed` or unknown extras); rows are built one at a time from per-leaf
 * cursors, so no per-column JS arrays are made. The few other actions (metaData, protocol,
 * txn, …) are rebuilt generically. Gives the same actions as the hyparquet path
 * (checkpoint-reader.ts). Re-sending an action is harmless (replay keeps the newest per key),
 * so a caller may fall back to hyparquet after a partial read.
 *
 * @param buffer the whole parquet file
 * @param columns top-level action columns wanted
 * @throws UnsupportedLayout when the file needs the generic reader (rare encodings or types,
 *   or `stats_parsed` standing in for missing JSON stats); Error when it is malformed
 */
export function readCheckpointLeaves(buffer: ArrayBuffer, columns: readonly string[], sink: CheckpointSink): void {
  const metadata = parquetMetadata(buffer);
  const root = fieldTree(parquetSchema(metadata));
  const top = new Map(root.children.map((f) => [f.name, f]));
  const addField = columns.includes("add") ? top.get("add") : undefined;
  const removeField = columns.includes("remove") ? top.get("remove") : undefined;
  const file = new Uint8Array(buffer);
  for (const group of metadata.row_groups) {
    const reader = new RowGroupReader(file, group);
    const adds = addField && new FileColumns(reader, addField, ADD_KEEPS);
    const removes = removeField && new FileColumns(reader, removeField, REMOVE_KEEPS);
    // The other actions: a few rows, rebuilt generically; add and remove win a row first.
    const others = new Map<number, Action>();
    for (const name of columns) {
      const f = top.get(name);
      if (!f || name === "add" || name === "remove") continue;
      const rows = reader.presentRows(f).filter((r) => !others.has(r));
      if (rows.length === 0) continue;
      const values = reader.valuesAt(f, rows);
      for (let i = 0; i < rows.length; i++) others.set(rows[i]!, { [name]: withoutNulls(values[i] as Record<string, unknown>) } as Action);
    }
    for (let r = 0; r < reader.numRows; r++) {
      // Every cursor advances one row on every row, whatever the row holds, to stay aligned.
      const isAdd = adds ? adds.step() : false;
      const isRemove = removes ? removes.step() : false;
      if (isAdd) sink.add(adds!.add(r));
      else if (isRemove) sink.remove(removes!.remove());
      else {
        const other = others.get(r);
        if (other) sink.other(other);
      }
    }
  }
}

/**
 * Cursors for the children of `add` or `remove` that replay keeps. {@link step} reads one
 * row from every cursor (so they stay aligned); add()/remove() then build that row's action
 * with the same rules as addFromRow/removeFromRow in checkpoint-rows.ts.
 */
class FileColumns {
  private readonly f: Field;
  private readonly statsParsed: boolean;
  private readonly path?: LeafCursor;
  private readonly partitionValues?: MapCursor;
  private readonly size?: LeafCursor;
  private readonly modificationTime?: LeafCursor;
  private readonly dataChange?: LeafCursor;
  private readonly stats?: LeafCursor;
  private readonly tags?: MapCursor;
  private readonly deletionVector?: DvCursor;
  private readonly baseRowId?: LeafCursor;
  private readonly defaultRowCommitVersion?: LeafCursor;
  private readonly clusteringProvider?: LeafCursor;
  private readonly deletionTimestamp?: LeafCursor;
  private readonly extendedFileMetadata?: LeafCursor;
  /** The current row's values. */
  private v = { path: null as string | null, pv: null as Record<string, string | null> | null, size: null as number | null,
    mtime: null as number | null, dataChange: null as boolean | null, stats: null as string | null, tags: null as Record<string, string | null> | null,
    dv: null as DeletionVectorDescriptor | null, baseRowId: null as number | null, drcv: null as number | null, clustering: null as string | null,
    deletionTimestamp: null as number | null, extended: null as boolean | null };

  constructor(reader: RowGroupReader, f: Field, keeps: ReadonlySet<string>) {
    this.f = f;
    this.statsParsed = f.children.some((c) => c.name === "stats_parsed");
    const child = (name: string) => (keeps.has(name) ? f.children.find((c) => c.name === name) : undefined);
    const leaf = (name: string, kind: LeafKind) => {
      const c = child(name);
      return c && leafCursor(reader, c, kind);
    };
    const map = (name: string) => {
      const c = child(name);
      return c && mapCursor(reader, c);
    };
    this.path = leaf("path", "string");
    // The path cursor also tells whether the row holds this action at all.
    if (!this.path) throw new UnsupportedLayout(`${f.key}: no path column`);
    this.partitionValues = map("partitionValues");
    this.size = leaf("size", "number");
    this.modificationTime = leaf("modificationTime", "number");
    this.dataChange = leaf("dataChange", "boolean");
    this.stats = leaf("stats", "string");
    this.tags = map("tags");
    const dv = child("deletionVector");
    if (dv && dv.kind !== "struct") throw new UnsupportedLayout(`${dv.key}: not a struct`);
    this.deletionVector = dv && new DvCursor(reader, dv);
    this.baseRowId = leaf("baseRowId", "number");
    this.defaultRowCommitVersion = leaf("defaultRowCommitVersion", "number");
    this.clusteringProvider = leaf("clusteringProvider", "string");
    this.deletionTimestamp = leaf("deletionTimestamp", "number");
    this.extendedFileMetadata = leaf("extendedFileMetadata", "boolean");
  }

  /** Read the next row from every cursor; true when the row holds this action. */
  step(): boolean {
    const v = this.v;
    v.path = str(this.path);
    v.pv = this.partitionValues ? this.partitionValues.row() : null;
    v.size = num(this.size);
    v.mtime = num(this.modificationTime);
    v.dataChange = bool(this.dataChange);
    v.stats = str(this.stats);
    v.tags = this.tags ? this.tags.row() : null;
    v.dv = this.deletionVector ? this.deletionVector.row() : null;
    v.baseRowId = num(this.baseRowId);
    v.drcv = num(this.defaultRowCommitVersion);
    v.clustering = str(this.clusteringProvider);
    v.deletionTimestamp = num(this.deletionTimestamp);
    v.extended = bool(this.extendedFileMetadata);
    return this.path!.def >= this.f.def;
  }

  add(r: number): AddFile {
    const v = this.v;
    if (v.path === null) throw new Error(`checkpoint add action in row ${r} has no path`);
    if (v.stats === null && this.statsParsed) throw new UnsupportedLayout("stats only as stats_parsed"); // typed stats: hyparquet converts them
    // Two literal shapes (with and without stats) so every field is stored inside the object,
    // in the same order JSON commits have: 100k adds stay as compact as JSON.parse makes them.
    const add: AddFile = v.stats !== null
      ? { path: v.path, partitionValues: v.pv ?? {}, size: v.size as number, modificationTime: v.mtime as number, dataChange: v.dataChange as boolean, stats: v.stats }
      : { path: v.path, partitionValues: v.pv ?? {}, size: v.size as number, modificationTime: v.mtime as number, dataChange: v.dataChange as boolean };
    if (v.tags !== null) add.tags = v.tags as Record<string, string>;
    if (v.dv) add.deletionVector = v.dv;
    if (v.baseRowId !== null) add.baseRowId = v.baseRowId;
    if (v.drcv !== null) add.defaultRowCommitVersion = v.drcv;
    if (v.clustering !== null) add.clusteringProvider = v.clustering;
    return add;
  }

  remove(): RemoveFile {
    const v = this.v;
    if (v.path === null) throw new Error("checkpoint remove action has no path");
    const remove: RemoveFile = { path: v.path, dataChange: v.dataChange as boolean };
    if (v.deletionTimestamp !== null) remove.deletionTimestamp = v.deletionTimestamp;
    if (v.extended !== null) remove.extendedFileMetadata = v.extended;
    if (v.pv !== null) remove.partitionValues = v.pv;
    if (v.size !== null) remove.size = v.size;
    if (v.dv) remove.deletionVector = v.dv;
    if (v.baseRowId !== null) remove.baseRowId = v.baseRowId;
    if (v.drcv !== null) remove.defaultRowCommitVersion = v.drcv;
    return remove;
  }
}

/** The children of `add` an AddFile keeps. */
const ADD_KEEPS: ReadonlySet<string> = new Set([
  "path", "partitionValues", "size", "modificationTime", "dataChange", "stats", "tags", "deletionVector",
  "baseRowId", "defaultRowCommitVersion", "clusteringProvider",
]);

/** The children of `remove` a RemoveFile keeps. */
const REMOVE_KEEPS: ReadonlySet<string> = new Set([
  "path", "deletionTimestamp", "dataChange", "extendedFileMetadata", "partitionValues", "size", "deletionVector",
  "baseRowId", "defaultRowCommitVersion",
]);
