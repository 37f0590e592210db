import type { Services } from "../../services";
import type { Snapshot } from "../../delta/snapshot";
import type { RecipientCaller } from "../recipients/authenticate";
import { compilePartitionFilter, type PartitionTypes } from "../shares/partition-filter";
import type { FileIdScheme } from "../files/file-ids";
import type { GrantedShare } from "./access";
import { checkReaderFeatures, chooseFormat, type Capabilities, type ResponseFormat } from "./capabilities";
import { badParameter } from "./errors";
import type { SharedTable } from "./shared-tables";

/** Everything a table endpoint (version, metadata, query, changes) works with. */
export interface TableCall {
  services: Services;
  recipient: RecipientCaller;
  share: GrantedShare;
  table: SharedTable;
  /** The table's storage location (checked servable). */
  location: string;
  caps: Capabilities;
  /** The `fileidhash` request header, when sent. */
  fileIdHash?: ResponseFormat;
  /** Public base URL for Lakeward-signed file URLs. */
  base: string;
}

/** What a data endpoint answers: headers first, then lines streamed. */
export interface TableAnswer {
  /** `Delta-Table-Version`. */
  version: number;
  format: ResponseFormat;
  /** Whether includeendstreamaction was honoured (then the last line is an endStreamAction). */
  endStream: boolean;
  lines: AsyncGenerator<string>;
  /** Filled in while streaming, for the audit row. */
  facts: { files: number };
}

/** Identity of a shared table in tokens: the share, the data object and the source table. */
export const tableKey = (call: TableCall) => `${call.share.id}/${call.table.objectId}/${call.table.node.id}`;

/** The response format for a table protocol, checking the client's reader features. */
export function formatFor(call: TableCall, protocol: Snapshot["protocol"]): ResponseFormat {
  const format = chooseFormat(call.caps, protocol.minReaderVersion);
  if (format === "delta") checkReaderFeatures(call.caps, protocol);
  return format;
}

/** File ids follow `fileidhash` when sent, else the response format (digest A.6). */
export const idSchemeFor = (call: TableCall, format: ResponseFormat): FileIdScheme => call.fileIdHash ?? format;

/** History (time travel, streaming, CDF) only for tables shared WITH HISTORY (issue 8 §7). */
export function requireHistory(call: TableCall, what: string): void {
  if (!call.table.historyShared) {
    throw badParameter(`${what} is not available: table '${call.share.name}.${call.table.schema}.${call.table.name}' is shared without history.`);
  }
}

/** The share's partitions for this recipient, as a filter over logical partition values. */
export function partitionFilterFor(call: TableCall, snapshot: Snapshot) {
  return compilePartitionFilter(call.table.partitions, call.recipient.properties, partitionTypes(snapshot));
}

export function partitionTypes(snapshot: Snapshot): PartitionTypes {
  const types = new Map<string, string>();
  for (const column of snapshot.partitionColumns) {
    const field = snapshot.schema.fields.find((f) => f.name === column);
    types.set(column, field?.type.kind === "primitive" ? field.type.name : field?.type.kind ?? "string");
  }
  return types;
}

/** Whether recipients may read the change data feed of this table. */
export const cdfReadable = (call: TableCall, configuration: Record<string, string>) =>
  call.table.historyShared && (configuration["delta.enableChangeDataFeed"] ?? "").toLowerCase() === "true";
