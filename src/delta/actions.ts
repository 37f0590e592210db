/**
 * Delta log actions as they appear in commit JSON and checkpoints (PROTOCOL.md "Actions").
 * Field names are the protocol's. Unknown fields are kept (we never drop what we do not
 * understand when re-writing, e.g. into a checkpoint) and unknown action keys are ignored.
 */

/** `protocol`: reader/writer versions and, at 3/7, explicit table features. */
export interface Protocol {
  minReaderVersion: number;
  minWriterVersion: number;
  readerFeatures?: string[];
  writerFeatures?: string[];
}

/** `metaData`: schema, partitioning and table properties. Replaced whole by each new one. */
export interface Metadata {
  id: string;
  name?: string | null;
  description?: string | null;
  format: { provider: string; options?: Record<string, string> };
  schemaString: string;
  partitionColumns: string[];
  configuration: Record<string, string>;
  createdTime?: number | null;
}

/** Deletion vector descriptor (PROTOCOL.md "Deletion Vector Descriptor Schema"). */
export interface DeletionVectorDescriptor {
  storageType: "u" | "i" | "p";
  pathOrInlineDv: string;
  offset?: number | null;
  sizeInBytes: number;
  cardinality: number;
  maxRowIndex?: number | null;
}

/** `add`: a data file that is part of the table from this version on. */
export interface AddFile {
  path: string;
  partitionValues: Record<string, string | null>;
  size: number;
  modificationTime: number;
  dataChange: boolean;
  /** JSON statistics string (kept unparsed until asked for: replay never needs it). */
  stats?: string | null;
  /** Typed statistics from a checkpoint written with writeStatsAsStruct. */
  stats_parsed?: Record<string, unknown> | null;
  tags?: Record<string, string> | null;
  deletionVector?: DeletionVectorDescriptor | null;
  baseRowId?: number | null;
  defaultRowCommitVersion?: number | null;
  clusteringProvider?: string | null;
}

/** `remove`: a logical file is no longer part of the table (a tombstone kept for VACUUM). */
export interface RemoveFile {
  path: string;
  deletionTimestamp?: number | null;
  dataChange: boolean;
  extendedFileMetadata?: boolean | null;
  partitionValues?: Record<string, string | null> | null;
  size?: number | null;
  stats?: string | null;
  tags?: Record<string, string> | null;
  deletionVector?: DeletionVectorDescriptor | null;
  baseRowId?: number | null;
  defaultRowCommitVersion?: number | null;
}

/** `cdc`: a change-data file, read only by the change data feed. */
export interface AddCdcFile {
  path: string;
  partitionValues: Record<string, string | null>;
  size: number;
  dataChange: boolean;
  tags?: Record<string, string> | null;
}

/** `txn`: the latest version an application committed (idempotent writers). */
export interface Txn {
  appId: string;
  version: number;
  lastUpdated?: number | null;
}

/** `domainMetadata`: per-domain configuration; `removed` is a tombstone. */
export interface DomainMetadata {
  domain: string;
  configuration: string;
  removed: boolean;
}

/** `commitInfo`: free-form provenance; `inCommitTimestamp` when ICT is on. */
export interface CommitInfo {
  timestamp?: number;
  inCommitTimestamp?: number;
  operation?: string;
  operationParameters?: Record<string, unknown>;
  readVersion?: number;
  isBlindAppend?: boolean;
  engineInfo?: string;
  txnId?: string;
  [key: string]: unknown;
}

/** `sidecar` (v2 checkpoints): a file in `_delta_log/_sidecars/` holding file actions. */
export interface Sidecar {
  path: string;
  sizeInBytes: number;
  modificationTime: number;
  tags?: Record<string, string> | null;
}

/** `checkpointMetadata` (v2 checkpoints). */
export interface CheckpointMetadata {
  version: number;
  tags?: Record<string, string> | null;
}

/** One line of a commit, or one row of a checkpoint: exactly one key is set. */
export interface Action {
  protocol?: Protocol;
  metaData?: Metadata;
  add?: AddFile;
  remove?: RemoveFile;
  cdc?: AddCdcFile;
  txn?: Txn;
  domainMetadata?: DomainMetadata;
  commitInfo?: CommitInfo;
  sidecar?: Sidecar;
  checkpointMetadata?: CheckpointMetadata;
}
