import { badParameter, unsupported } from "./errors";

export type ResponseFormat = "parquet" | "delta";

/** What a client asked for in `delta-sharing-capabilities` (digest A.6). */
export interface Capabilities {
  /** Formats the client accepts; parquet alone when the header is absent. */
  formats: ResponseFormat[];
  /** Reader features the client can handle, lowercased; undefined when not sent. */
  readerFeatures?: Set<string>;
  includeEndStreamAction: boolean;
}

/**
 * Parses `key=v1,v2;key2=v3`, case-insensitively in keys and values. Unknown keys and formats
 * are ignored (a client may know newer ones); asking only for unknown formats is a 400.
 */
export function parseCapabilities(header: string | undefined): Capabilities {
  const map = new Map<string, string[]>();
  for (const part of (header ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    const key = part.slice(0, eq).trim().toLowerCase();
    map.set(key, part.slice(eq + 1).split(",").map((v) => v.trim().toLowerCase()).filter(Boolean));
  }
  const asked = map.get("responseformat");
  const formats = asked ? asked.filter((f): f is ResponseFormat => f === "parquet" || f === "delta") : ["parquet" as const];
  if (formats.length === 0) throw badParameter(`Unsupported responseformat '${asked!.join(",")}': expected parquet or delta.`);
  const features = map.get("readerfeatures");
  return {
    formats,
    readerFeatures: features ? new Set(features) : undefined,
    includeEndStreamAction: (map.get("includeendstreamaction") ?? [])[0] === "true",
  };
}

/**
 * Picks the format (digest A.6): parquet only when the client accepts it and the table needs
 * no reader features (minReaderVersion 1); otherwise delta if accepted. Where the reference
 * server answers delta to a parquet-only client (which then fails), we refuse with a 400 that
 * says what to ask for.
 */
export function chooseFormat(caps: Capabilities, minReaderVersion: number): ResponseFormat {
  if (caps.formats.includes("parquet") && minReaderVersion === 1) return "parquet";
  if (caps.formats.includes("delta")) return "delta";
  throw unsupported(
    `This table needs Delta reader version ${minReaderVersion} features and can only be read with responseformat=delta (send the delta-sharing-capabilities header).`,
  );
}

/** The capabilities header of a response: the format used, and what was honoured. */
export function responseCapabilities(format: ResponseFormat, endStreamAction: boolean): string {
  return `responseformat=${format}${endStreamAction ? ";includeendstreamaction=true" : ""}`;
}

/** `fileidhash` (digest A.6): parquet (MD5) or delta (SHA-256); anything else is a 400. */
export function parseFileIdHash(header: string | undefined): ResponseFormat | undefined {
  if (header === undefined || header.trim() === "") return undefined;
  const value = header.trim().toLowerCase();
  if (value !== "parquet" && value !== "delta") throw badParameter(`Unsupported fileidhash '${header}': expected parquet or delta.`);
  return value;
}

/**
 * A delta-format client that listed its reader features must know every feature the table
 * uses; otherwise it would misread the files (deletion vectors ignored, wrong column names).
 * Legacy reader version 2 has no feature list but means column mapping (delta-protocol
 * "Column Mapping": reader version 2 or the `columnMapping` reader feature).
 */
export function checkReaderFeatures(caps: Capabilities, protocol: { minReaderVersion: number; readerFeatures?: readonly string[] }): void {
  if (!caps.readerFeatures) return;
  const tableFeatures = protocol.readerFeatures ?? (protocol.minReaderVersion === 2 ? ["columnMapping"] : []);
  const unknown = tableFeatures.filter((f) => !caps.readerFeatures!.has(f.toLowerCase()));
  if (unknown.length > 0) throw unsupported(`This table uses reader features the client did not list in readerfeatures: ${unknown.join(", ")}.`);
}
