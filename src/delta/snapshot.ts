import type { ObjectStore } from "../storage/object-store";
import { asDirectoryUrl } from "../storage/url";
import type { AddFile, CommitInfo, DomainMetadata, Metadata, Protocol, RemoveFile, Txn } from "./actions";
import { columnMappingMode, columnMappingOf, physicalSchema, type ColumnMapping } from "./column-mapping";
import { loadDeletedRows, type DeletedRows } from "./deletion-vectors";
import { findField, parseSchema, type StructType } from "./schema";
import { parsePartitionValue, type PartitionValue } from "./partition-values";
import { fileNumRecords, parseFileStats, type FileStats } from "./stats";
import type { ReplayState } from "./replay";
import { resolveLogPath } from "./paths";
import { loggedAddPath, parseLoggedAdd, type LoggedAdd } from "./raw-add";

/** A live data file of a snapshot: its `add` action and the URL of the object. */
export interface DataFile {
  readonly add: AddFile;
  /** Object URL (percent-escapes of the log path decoded once). */
  readonly url: string;
}

/**
 * A DataFile whose `add` is parsed from its log line on first read (see raw-add.ts). Every
 * reader of a snapshot's adds goes through `Snapshot.files`, so each line is parsed once.
 */
class LoggedDataFile implements DataFile {
  #add: LoggedAdd;
  constructor(
    add: LoggedAdd,
    readonly url: string,
  ) {
    this.#add = add;
  }
  get add(): AddFile {
    const add = this.#add;
    return typeof add === "string" ? (this.#add = parseLoggedAdd(add)) : add;
  }
}

/** Where a snapshot came from, for diagnostics and incremental refresh. */
export interface SnapshotSource {
  checkpointVersion?: number;
  commitVersions: number[];
  latestVersionSeen: number;
}

/**
 * The state of a table at one version: protocol, metadata, schema and the exact set of data
 * files. Built by `loadSnapshot`; immutable. Partition values and stats are kept raw and parsed
 * per file on request, keyed by logical column names.
 */
export class Snapshot {
  private _schema?: StructType;
  private _mapping?: ColumnMapping;
  private _files?: DataFile[];

  constructor(
    readonly store: ObjectStore,
    readonly tableUrl: string,
    readonly version: number,
    /** @internal replay state; shared with the snapshot cache for incremental updates */
    readonly state: ReplayState,
    /** Commit timestamp of this version, ms (ICT when enabled, else the commit file's mtime). */
    readonly timestamp: number,
    readonly source: SnapshotSource,
  ) {}

  get protocol(): Protocol {
    return this.state.protocol!;
  }
  get metadata(): Metadata {
    return this.state.metadata!;
  }
  /** commitInfo of this version's own commit, when that commit was read. */
  get commitInfo(): CommitInfo | undefined {
    return this.state.commitInfo;
  }
  get partitionColumns(): string[] {
    return this.metadata.partitionColumns;
  }
  get configuration(): Record<string, string> {
    return this.metadata.configuration;
  }
  /** The logical schema. */
  get schema(): StructType {
    return (this._schema ??= parseSchema(this.metadata.schemaString));
  }
  /** Column mapping mode and the logical→physical name map of the top-level columns. */
  get columnMapping(): ColumnMapping {
    return (this._mapping ??= columnMappingOf(this.schema, columnMappingMode(this.metadata)));
  }
  /** The schema the data files have (physical names under column mapping). */
  get physicalSchema(): StructType {
    return physicalSchema(this.schema, this.columnMapping.mode);
  }
  /** Live data files, in no particular order. */
  get files(): DataFile[] {
    if (!this._files) {
      // Sized up front: for big tables a growing array (and a copy of the live set) is
      // megabytes of short-lived memory.
      const root = asDirectoryUrl(this.tableUrl);
      const files: DataFile[] = new Array(this.state.fileCount);
      let i = 0;
      for (const [key, add] of this.state.liveLoggedAdds()) {
        // A raw add's key is its decoded path (no deletion vector); when that is relative,
        // the URL is the root plus the key, with no need to look at the line again.
        const url = typeof add === "string" && key.charCodeAt(0) !== 47 && key.indexOf(":") < 0 ? root + key : resolveLogPath(root, loggedAddPath(add));
        files[i++] = new LoggedDataFile(add, url);
      }
      this._files = files;
    }
    return this._files;
  }
  get numFiles(): number {
    return this.state.fileCount;
  }
  /** Tombstones (removes) still in the state — what a checkpoint carries for VACUUM. */
  get tombstones(): RemoveFile[] {
    return this.state.tombstones();
  }
  /** Latest txn per application id. */
  get txns(): ReadonlyMap<string, Txn> {
    return this.state.txns;
  }
  /** Live domain metadata by domain. */
  get domainMetadata(): ReadonlyMap<string, DomainMetadata> {
    return this.state.domains;
  }

  /** Raw partition values keyed by logical column name (`null` for null partitions). */
  rawPartitionValues(file: DataFile | AddFile): Record<string, string | null> {
    const add = "add" in file ? file.add : file;
    const out: Record<string, string | null> = {};
    for (const column of this.partitionColumns) {
      const physical = this.columnMapping.logicalToPhysical.get(column) ?? column;
      const raw = add.partitionValues[physical];
      out[column] = raw === undefined || raw === "" ? null : raw;
    }
    return out;
  }

  /** Typed partition values keyed by logical column name (see partition-values.ts). */
  partitionValues(file: DataFile | AddFile): Record<string, PartitionValue> {
    const raw = this.rawPartitionValues(file);
    const out: Record<string, PartitionValue> = {};
    for (const [column, value] of Object.entries(raw)) {
      const field = findField(this.schema, column);
      out[column] = field ? parsePartitionValue(value, field.type, column) : value;
    }
    return out;
  }

  /** Parsed stats keyed by logical names, or undefined when the file has none. */
  stats(file: DataFile | AddFile): FileStats | undefined {
    return parseFileStats("add" in file ? file.add : file, this.schema, this.columnMapping.mode);
  }

  /** Sum of numRecords over live files, or null when any file lacks it (then count rows). */
  numRecords(): number | null {
    let sum = 0;
    for (const file of this.files) {
      const n = fileNumRecords(file.add);
      if (n === undefined) return null;
      sum += n;
    }
    return sum;
  }

  /** Rows of `file` deleted by its deletion vector, or undefined when it has none. */
  async deletedRows(file: DataFile | AddFile): Promise<DeletedRows | undefined> {
    const add = "add" in file ? file.add : file;
    return add.deletionVector ? loadDeletedRows(this.store, this.tableUrl, add.deletionVector) : undefined;
  }
}
