import type { Metadata, Protocol } from "./actions";
import { DeltaError } from "./errors";
import { parseSchema, type DeltaType, type StructType } from "./schema";

/**
 * The protocol gate (PROTOCOL.md "Table Features", digest §8). A table that needs something
 * we do not implement is refused with DELTA_UNSUPPORTED_FEATURE naming it — we never read or
 * write a table partially.
 */

/** Reader features this library implements. */
export const SUPPORTED_READER_FEATURES: ReadonlySet<string> = new Set([
  "columnMapping",
  "deletionVectors",
  "timestampNtz",
  "timestampWithoutTimezone", // alias accepted by delta-kernel-rs
  "v2Checkpoint",
  "vacuumProtocolCheck",
]);

/**
 * Writer features our writer honours. v2Checkpoint is readable but not writable: our
 * checkpoints are V1-spec classic files, which a v2Checkpoint table must not get.
 */
export const SUPPORTED_WRITER_FEATURES: ReadonlySet<string> = new Set([
  "appendOnly",
  "invariants", // only while none is defined (checked below)
  "checkConstraints", // likewise
  "changeDataFeed", // whole-file adds/removes need no cdc files
  "columnMapping",
  "deletionVectors", // we never write new DVs and keep them on removes
  "timestampNtz",
  "domainMetadata", // preserved through replay and checkpoints
  "inCommitTimestamp",
  "vacuumProtocolCheck",
]);

/** Reader features implied by a legacy minReaderVersion (1 or 2). */
export function readerFeaturesOf(protocol: Protocol): string[] {
  if (protocol.minReaderVersion >= 3) return protocol.readerFeatures ?? [];
  return protocol.minReaderVersion === 2 ? ["columnMapping"] : [];
}

/** Writer features implied by a legacy minWriterVersion (≤ 6), or the explicit list at 7. */
export function writerFeaturesOf(protocol: Protocol): string[] {
  const v = protocol.minWriterVersion;
  if (v >= 7) return protocol.writerFeatures ?? [];
  const out: string[] = [];
  if (v >= 2) out.push("appendOnly", "invariants");
  if (v >= 3) out.push("checkConstraints");
  if (v >= 4) out.push("changeDataFeed", "generatedColumns");
  if (v >= 5) out.push("columnMapping");
  if (v >= 6) out.push("identityColumns");
  return out;
}

/**
 * Refuse a table this reader cannot read correctly.
 * @throws DeltaError DELTA_UNSUPPORTED_FEATURE naming the version or every unsupported feature
 */
export function assertReadable(protocol: Protocol): void {
  const problems: string[] = [];
  // Name every unsupported feature, even when the version alone already rules the table out:
  // the feature name is what tells an operator what to upgrade.
  const listed = protocol.minReaderVersion >= 3 ? readerFeaturesOf(protocol) : (protocol.readerFeatures ?? []);
  const missing = listed.filter((f) => !SUPPORTED_READER_FEATURES.has(f));
  if (protocol.minReaderVersion > 3) problems.push(`reader version ${protocol.minReaderVersion} (this reader supports up to 3)`);
  if (missing.length > 0) problems.push(`unsupported reader feature(s): ${missing.join(", ")}`);
  if (problems.length > 0) throw new DeltaError("DELTA_UNSUPPORTED_FEATURE", `table requires ${problems.join(" and ")}`);
}

/**
 * Refuse to write a table whose protocol asks for writer behaviour we do not implement. Legacy
 * writer versions imply features that only matter when used (a generated column, a CHECK
 * constraint), so those are checked against the metadata.
 * @throws DeltaError DELTA_UNSUPPORTED_FEATURE
 */
export function assertWritable(protocol: Protocol, metadata: Metadata): void {
  assertReadable(protocol);
  if (protocol.minWriterVersion > 7) {
    throw new DeltaError("DELTA_UNSUPPORTED_FEATURE", `table requires writer version ${protocol.minWriterVersion}; this writer supports up to 7`);
  }
  const schema = parseSchema(metadata.schemaString);
  const inUse = (feature: string): boolean => {
    switch (feature) {
      case "invariants": return anyField(schema, (m) => "delta.invariants" in m);
      case "checkConstraints": return Object.keys(metadata.configuration).some((k) => k.startsWith("delta.constraints."));
      case "generatedColumns": return anyField(schema, (m) => "delta.generationExpression" in m);
      case "identityColumns": return anyField(schema, (m) => Object.keys(m).some((k) => k.startsWith("delta.identity.")));
      default: return true;
    }
  };
  const explicit = protocol.minWriterVersion >= 7;
  const blocked = writerFeaturesOf(protocol).filter((f) => {
    if (f === "invariants" || f === "checkConstraints") return inUse(f);
    if (!explicit && (f === "generatedColumns" || f === "identityColumns")) return inUse(f);
    return !SUPPORTED_WRITER_FEATURES.has(f);
  });
  if (blocked.length > 0) {
    throw new DeltaError("DELTA_UNSUPPORTED_FEATURE", `table requires unsupported writer feature(s): ${blocked.join(", ")}`);
  }
}

function anyField(schema: StructType, test: (metadata: Record<string, unknown>) => boolean): boolean {
  const visit = (t: DeltaType): boolean => {
    if (t.kind === "struct") return t.fields.some((f) => test(f.metadata) || visit(f.type));
    if (t.kind === "array") return visit(t.elementType);
    if (t.kind === "map") return visit(t.keyType) || visit(t.valueType);
    return false;
  };
  return visit(schema);
}
