import type { RequestContext } from "../context";
import { LakewardError, invalidArgument } from "../errors";
import type { StoredColumn } from "../../schema/index";
import { columnInfosToSchema, schemaToColumnInfos } from "../delta/catalog-columns";
import { createTable as createDeltaTable } from "../delta/writer";
import { isDeltaError } from "../delta/errors";

/** Delta properties that live in the table's metaData.configuration rather than only in the catalog. */
const isDeltaProperty = (key: string) => key.startsWith("delta.");

/**
 * Resolves, before the caller opens its transaction, what writing a managed table's storage
 * takes (S3 keys come from the database; see ObjectStore.prepare), so that
 * {@link initializeManagedDelta} inside the transaction does not wait on the database.
 */
export async function prepareManagedDelta(ctx: RequestContext, location: string): Promise<void> {
  try {
    await ctx.services.storage.prepare(location, true);
  } catch (err) {
    if (err instanceof LakewardError) throw err;
    throw new LakewardError("FAILED_PRECONDITION", `Cannot write managed storage at ${location}: ${(err as Error).message}`);
  }
}

/**
 * Writes the first commit (protocol + metadata) of a MANAGED Delta table, so that engines
 * reading its location find a real, empty Delta table (issue 5 §6).
 */
export async function initializeManagedDelta(ctx: RequestContext, location: string, columns: StoredColumn[], properties: Record<string, string>): Promise<void> {
  const { schema, partitionColumns } = columnInfosToSchema(columns as unknown as Parameters<typeof columnInfosToSchema>[0]);
  const configuration = Object.fromEntries(Object.entries(properties).filter(([k]) => isDeltaProperty(k)));
  try {
    await createDeltaTable(ctx.services.storage, location, { schema, partitionColumns, configuration });
  } catch (err) {
    if (isDeltaError(err)) throw invalidArgument(`Cannot create the Delta table at ${location}: ${err.message}`, { field: "columns" });
    throw new LakewardError("FAILED_PRECONDITION", `Cannot write managed storage at ${location}: ${(err as Error).message}`);
  }
}

/**
 * Reads an EXTERNAL Delta table's log to fill in what the caller left out (issue 5 §6): its
 * columns (with partition indexes) and its Delta properties (configuration and protocol).
 * No commit version is stored: it would be stale after the next write by an engine, and the
 * catalog is not told of those; readers take the version from the log.
 */
export async function describeExternalDelta(ctx: RequestContext, location: string): Promise<{ columns: StoredColumn[]; properties: Record<string, string> }> {
  try {
    const snapshot = await ctx.services.snapshots.get(location);
    const columns = schemaToColumnInfos(snapshot.schema, snapshot.partitionColumns).map((c) => ({ ...c, partition_index: c.partition_index ?? null, comment: c.comment ?? null }));
    const properties: Record<string, string> = {
      ...snapshot.configuration,
      "delta.minReaderVersion": String(snapshot.protocol.minReaderVersion),
      "delta.minWriterVersion": String(snapshot.protocol.minWriterVersion),
    };
    return { columns, properties };
  } catch (err) {
    // Credential problems (STS refusing the location's role) already say what to fix.
    if (err instanceof LakewardError) throw err;
    const why = err instanceof Error ? err.message : String(err);
    throw invalidArgument(`No columns were given and the Delta log at ${location} could not be read: ${why}`, { field: "columns" });
  }
}
