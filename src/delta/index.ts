/**
 * Lakeward's Delta Lake transaction-log library (issue 5): read snapshots at a version or
 * timestamp, the change data feed, deletion vectors, and a simple writer. Runtime-agnostic:
 * Web APIs only, storage through the ObjectStore port. See docs/delta.md.
 */
export type * from "./actions";
export { DeltaError, isDeltaError, type DeltaErrorCode } from "./errors";
export { loadSnapshot, type SnapshotOptions } from "./load-snapshot";
export { Snapshot, type DataFile, type SnapshotSource } from "./snapshot";
export { SnapshotCache } from "./snapshot-cache";
export { readChangeFeed, type ChangeFeed, type ChangeFeedOptions, type ChangeFile } from "./cdf";
export { versionAtTimestamp, versionAtOrAfterTimestamp, type TimestampOptions } from "./timestamps";
export { parseSchema, schemaToJson, typeToJson, fieldToJson, type DeltaType, type StructField, type StructType, type PrimitiveTypeName } from "./schema";
export { parsePartitionValue, type PartitionValue } from "./partition-values";
export { type FileStats } from "./stats";
export { columnMappingMode, physicalSchema, type ColumnMapping, type ColumnMappingMode } from "./column-mapping";
export { assertReadable, assertWritable, SUPPORTED_READER_FEATURES, SUPPORTED_WRITER_FEATURES } from "./protocol-gate";
export { DeletedRows, loadDeletedRows, deletionVectorUrl } from "./deletion-vectors";
export { deletionVectorId } from "./deletion-vector-id";
export { decodeDeletionBitmap } from "./roaring";
export { z85Decode, z85Encode } from "./z85";
export { createTable, appendFiles, removeFiles, type NewTable, type NewDataFile, type WriteOptions, type WriteResult } from "./writer";
export { commitWithRetry, type PendingCommit, type CommitOptions, type CommittedVersion } from "./commit";
export { writeCheckpoint, encodeCheckpoint, type CheckpointResult } from "./checkpoint-writer";
export { schemaToColumnInfos, columnInfosToSchema, columnTypeName, type ColumnInfo, type ColumnTypeName } from "./catalog-columns";
export { typeText, parseTypeText } from "./type-text";
export { resolveLogPath, decodePath, encodePath } from "./paths";
