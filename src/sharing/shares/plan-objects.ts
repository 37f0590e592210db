import type { RequestContext } from "../../context";
import { LakewardError, invalidArgument } from "../../errors";
import type { StoredPartitionSpec } from "../../../schema/index";
import type { SecurableRow } from "../../catalog/rows";
import { normalizeName, parseFullName } from "../../catalog/names";
import { listShareObjects, type DataObjectType, type ObjectChange, type ShareObjectRow } from "./objects";
import { resolveSource } from "./sources";

/** A data object as the update request names it (Databricks' SharedDataObject). */
export interface DataObjectInput {
  name: string;
  data_object_type?: DataObjectType | null;
  shared_as?: string | null;
  comment?: string | null;
  partitions?: StoredPartitionSpec[] | null;
  history_data_sharing_status?: "ENABLED" | "DISABLED" | null;
  cdf_enabled?: boolean | null;
}

export interface ObjectUpdate {
  action: "ADD" | "REMOVE" | "UPDATE";
  data_object: DataObjectInput;
}

/**
 * Turns `updates` into changes, checking each against the share as it will be after the
 * earlier ones. Runs before the transaction: it resolves sources and authorizes the caller's
 * SELECT on them (issue 8 §1), which reads through the connection.
 */
export async function planObjectChanges(ctx: RequestContext, share: SecurableRow, updates: readonly ObjectUpdate[]): Promise<ObjectChange[]> {
  const working: ShareObjectRow[] = await listShareObjects(ctx.services.db, share.id);
  const changes: ObjectChange[] = [];
  for (const [i, update] of updates.entries()) {
    const field = `updates[${i}].data_object`;
    const input = update.data_object;
    if (update.action === "ADD") {
      const source = await resolveSource(ctx, input, field);
      const row = {
        id: crypto.randomUUID(),
        shareId: share.id,
        objectType: source.type,
        sourceId: source.row.id,
        sharedAs: sharedAsOf(source.type, input.shared_as, source.row.fullName, field),
        comment: input.comment ?? null,
        partitions: source.partitions(input.partitions ?? []),
        historyShared: source.historyAllowed(historyOf(input) ?? false),
        addedAt: ctx.services.clock.now(),
        addedBy: ctx.principal.name,
      };
      if (working.some((w) => w.sourceId === row.sourceId)) {
        throw new LakewardError("RESOURCE_ALREADY_EXISTS", `${source.row.fullName} is already in share '${share.name}'.`);
      }
      assertNameFree(working, row.sharedAs, row.objectType, share.name);
      working.push({ ...row, sourceFullName: source.row.fullName });
      changes.push({ action: "ADD", row });
      continue;
    }
    const existing = findObject(working, input.name, share.name);
    if (update.action === "REMOVE") {
      working.splice(working.indexOf(existing), 1);
      changes.push({ action: "REMOVE", id: existing.id });
      continue;
    }
    const source = await resolveSource(ctx, { ...input, name: existing.sourceFullName, data_object_type: existing.objectType }, field);
    const set: Extract<ObjectChange, { action: "UPDATE" }>["set"] = {};
    if (input.comment !== undefined) set.comment = input.comment;
    if (input.partitions !== undefined && input.partitions !== null) set.partitions = source.partitions(input.partitions);
    const history = historyOf(input);
    if (history !== undefined) set.historyShared = source.historyAllowed(history);
    if (input.shared_as) {
      const sharedAs = sharedAsOf(existing.objectType, input.shared_as, existing.sourceFullName, field);
      assertNameFree(working.filter((w) => w !== existing), sharedAs, existing.objectType, share.name);
      set.sharedAs = sharedAs;
    }
    Object.assign(existing, set);
    changes.push({ action: "UPDATE", id: existing.id, set });
  }
  return changes;
}

function historyOf(input: DataObjectInput): boolean | undefined {
  if (input.history_data_sharing_status) return input.history_data_sharing_status === "ENABLED";
  if (input.cdf_enabled !== undefined && input.cdf_enabled !== null) return input.cdf_enabled;
  return undefined;
}

/** `schema.table` for tables and views (default: the source's), one part for a schema. */
function sharedAsOf(type: DataObjectType, given: string | null | undefined, sourceFullName: string, field: string): string {
  const parts = type === "SCHEMA" ? 1 : 2;
  if (!given) return sourceFullName.split(".").slice(-parts).join(".");
  return parseFullName(`${field}.shared_as`, given, parts).map((p) => normalizeName(`${field}.shared_as`, p)).join(".");
}

/** Names recipients see must be unique, and a shared schema's name may not mix with tables' schemas. */
function assertNameFree(objects: readonly { sharedAs: string; objectType: DataObjectType }[], sharedAs: string, type: DataObjectType, share: string): void {
  const schemaOf = (o: { sharedAs: string; objectType: DataObjectType }) => (o.objectType === "SCHEMA" ? o.sharedAs : o.sharedAs.split(".")[0]);
  if (objects.some((o) => o.sharedAs === sharedAs)) throw new LakewardError("RESOURCE_ALREADY_EXISTS", `Share '${share}' already has an object named ${sharedAs}.`);
  const mine = schemaOf({ sharedAs, objectType: type });
  if (objects.some((o) => (o.objectType === "SCHEMA" || type === "SCHEMA") && schemaOf(o) === mine)) {
    throw invalidArgument(`Schema name '${mine}' is already used in share '${share}' by a shared schema or its tables; choose another name with shared_as.`, { field: "shared_as" });
  }
}

function findObject<T extends { sourceFullName: string; sharedAs: string }>(objects: T[], name: string, share: string): T {
  const wanted = (name ?? "").toLowerCase();
  const found = objects.find((o) => o.sourceFullName === wanted) ?? objects.find((o) => o.sharedAs === wanted);
  if (!found) throw new LakewardError("NOT_FOUND", `${name} is not in share '${share}'.`);
  return found;
}
