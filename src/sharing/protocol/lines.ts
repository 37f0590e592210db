import type { Metadata, Protocol } from "../../delta/actions";
import type { ResponseFormat } from "./capabilities";

/**
 * NDJSON lines of the table endpoints (digest A.8). Each is one compact JSON object with one
 * key, ending in `\n`; JSON.stringify never emits a newline, so a line can never break.
 */
export const line = (value: object): string => JSON.stringify(value) + "\n";

/** Line 1: `protocol`. Parquet answers always say reader version 1. */
export function protocolLine(format: ResponseFormat, protocol: Protocol): string {
  if (format === "parquet") return line({ protocol: { minReaderVersion: 1 } });
  const deltaProtocol: Protocol = { minReaderVersion: protocol.minReaderVersion, minWriterVersion: protocol.minWriterVersion };
  if (protocol.readerFeatures) deltaProtocol.readerFeatures = protocol.readerFeatures;
  if (protocol.writerFeatures) deltaProtocol.writerFeatures = protocol.writerFeatures;
  return line({ protocol: { deltaProtocol } });
}

export interface MetadataOptions {
  /** Set on change and streaming answers (and always on CDF: Py's delta reader needs it). */
  version?: number;
  /** Whether the recipient may read the change data feed (history shared and CDF on). */
  changeDataFeed: boolean;
}

/**
 * Line 2: `metaData` — capital D; `partitionColumns` always present, even empty. In parquet the
 * configuration is only the CDF flag (what the reference server sends) and column metadata
 * other than comments is dropped; in delta the action is passed as the table has it.
 */
export function metadataLine(format: ResponseFormat, metadata: Metadata, options: MetadataOptions): string {
  const version = options.version === undefined ? {} : { version: options.version };
  if (format === "delta") {
    const deltaMetadata = { ...metadata, partitionColumns: metadata.partitionColumns ?? [], configuration: metadata.configuration ?? {} };
    return line({ metaData: { deltaMetadata, ...version } });
  }
  const body: Record<string, unknown> = {
    id: metadata.id,
    format: { provider: "parquet" },
    schemaString: cleanSchema(metadata.schemaString),
    partitionColumns: metadata.partitionColumns ?? [],
    configuration: options.changeDataFeed ? { enableChangeDataFeed: "true" } : {},
  };
  if (metadata.name) body.name = metadata.name;
  if (metadata.description) body.description = metadata.description;
  return line({ metaData: { ...body, ...version } });
}

/** The schema string with field metadata reduced to comments (the reference server's clean-up). */
export function cleanSchema(schemaString: string): string {
  const clean = (type: unknown): unknown => {
    if (!type || typeof type !== "object") return type;
    const t = type as Record<string, unknown>;
    if (t.type === "struct" && Array.isArray(t.fields)) {
      return { ...t, fields: t.fields.map((f: Record<string, unknown>) => {
        const meta = f.metadata as Record<string, unknown> | undefined;
        return { ...f, type: clean(f.type), metadata: meta && typeof meta.comment === "string" ? { comment: meta.comment } : {} };
      }) };
    }
    if (t.type === "array") return { ...t, elementType: clean(t.elementType) };
    if (t.type === "map") return { ...t, keyType: clean(t.keyType), valueType: clean(t.valueType) };
    return t;
  };
  return JSON.stringify(clean(JSON.parse(schemaString)));
}

/** `{"endStreamAction":{...}}`: the last line, only when the client asked for it. */
export function endStreamLine(fields: { refreshToken?: string; nextPageToken?: string; minUrlExpirationTimestamp?: number; errorMessage?: string }): string {
  return line({ endStreamAction: Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) });
}
