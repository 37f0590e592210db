import { LakewardError } from "../errors";
import type { EnginePlan } from "../engine/port";
import { localPath } from "./engine-scan";

/**
 * DuckDB failures as statement errors. Only the first line is kept: the rest quotes the
 * rewritten SQL, which holds policy internals and the caller's group list. Storage paths
 * become table names. When filters or masks were applied, quoted values and numbers are
 * redacted too, so an error cannot carry a value out of a masked column or a hidden row.
 */
export function engineError(err: unknown, plan: EnginePlan): LakewardError {
  const raw = err instanceof Error ? err.message : String(err);
  let message = redactPaths(raw.split("\n")[0]!.trim(), plan);
  if (plan.redactErrors) message = message.replace(/'[^']*'/g, "'***'").replace(/\b\d[\d.eE+-]*\b/g, "#");
  const kind = /^(\w[\w ]*?) Error:/.exec(message)?.[1] ?? "";
  if (kind === "Permission") return new LakewardError("PERMISSION_DENIED", `The query tried to reach outside its tables: ${message}`);
  if (kind === "INTERNAL" || kind === "Fatal") return new LakewardError("INTERNAL", "The query engine failed.");
  if (kind === "Out of Memory") return new LakewardError("RESOURCE_EXHAUSTED", message);
  return new LakewardError("INVALID_ARGUMENT", message || "The query failed in the engine.");
}

/** Replaces each scanned file's path (and its table's directory) with the table's name. */
export function redactPaths(text: string, plan: EnginePlan): string {
  let out = text;
  for (const scan of plan.scans) {
    for (const f of scan.files) {
      const path = localPath(f.url);
      out = out.replaceAll(path, `<${scan.table}>`);
      const dir = path.slice(0, path.lastIndexOf("/"));
      if (dir) out = out.replaceAll(dir, `<${scan.table}>`);
    }
    if (scan.location.startsWith("file://")) out = out.replaceAll(localPath(scan.location).replace(/\/$/, ""), `<${scan.table}>`);
  }
  return out;
}
