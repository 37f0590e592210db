import type { RequestContext } from "../context";
import { LakewardError, invalidArgument } from "../errors";
import { appendFiles, type NewDataFile } from "../delta/writer";
import { isDeltaError } from "../delta/errors";
import { joinUrl } from "../storage/url";
import type { StagedFile, WriteColumn } from "./port";
import type { WriteTarget } from "./write-target";

/**
 * Puts staged files into the table and commits them as one blind append (issue 6 §2), with
 * their stats. NOT NULL columns are checked from the stats before anything is written. If the
 * commit fails, the files already put are deleted again (best effort; Delta ignores files no
 * commit names, so a leftover is garbage, never data).
 */
export async function commitStaged(ctx: RequestContext, target: WriteTarget, columns: WriteColumn[], staged: StagedFile[]): Promise<{ rows: number; version?: number }> {
  for (const c of columns) {
    if (!c.nullable && staged.some((f) => (f.stats.nullCount[c.name] ?? 0) > 0 || (c.partition && f.partitionValues[c.name] === null))) {
      throw invalidArgument(`[DELTA_NOT_NULL_CONSTRAINT_VIOLATED] NOT NULL constraint violated for column: ${c.name}.`);
    }
  }
  const rows = staged.reduce((n, f) => n + f.stats.numRecords, 0);
  if (staged.length === 0) return { rows };
  const id = crypto.randomUUID();
  const files: NewDataFile[] = staged.map((f, i) => ({
    path: `${partitionDirectory(columns, f.partitionValues)}part-${String(i).padStart(5, "0")}-${id}.c000.snappy.parquet`,
    size: f.bytes.byteLength,
    partitionValues: f.partitionValues,
    stats: f.stats,
  }));
  const urls = files.map((f) => joinUrl(target.location, f.path));
  try {
    for (const [i, f] of staged.entries()) await ctx.services.storage.put(urls[i]!, f.bytes);
    const result = await appendFiles(ctx.services.storage, target.location, files, { clock: () => ctx.services.clock.now() });
    return { rows, version: result.version };
  } catch (err) {
    await Promise.all(urls.map((u) => ctx.services.storage.delete(u).catch(() => undefined)));
    if (isDeltaError(err)) {
      throw new LakewardError(err.code === "DELTA_COMMIT_CONFLICT" ? "ABORTED" : "FAILED_PRECONDITION", `Cannot write ${target.row.fullName}: ${err.message}`);
    }
    throw err;
  }
}

/** Hive-style directories for partition values (`region=US/`), escaped as Spark does. */
function partitionDirectory(columns: WriteColumn[], values: Record<string, string | null>): string {
  return columns
    .filter((c) => c.partition)
    .map((c) => `${escapePathPart(c.physical)}=${values[c.name] === null ? "__HIVE_DEFAULT_PARTITION__" : escapePathPart(values[c.name]!)}/`)
    .join("");
}

function escapePathPart(text: string): string {
  return text.replace(/[\u0000-\u001f"#%'*/:=?\\\u007f{[\]^]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`);
}
