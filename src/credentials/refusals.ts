import { and, eq, or, sql } from "drizzle-orm";
import type { Db } from "../db/types";
import { LakewardError, invalidArgument, permissionDenied } from "../errors";
import { securables, tableDetails } from "../../schema/index";
import { storedWithin } from "./coverage";

/**
 * Tables whose data Lakeward must not hand out raw (uc-semantics §9, as Databricks refuses):
 * a row filter or a column mask is enforced only when the table is read through Lakeward, so
 * direct-access credentials would bypass it; a view has no storage of its own.
 */

const ADVICE = "credentials for direct access are not issued. Query it through the SQL statement API or share a view.";

/** Throws when the table with id `tableId` is a view or carries a row filter or a column mask. */
export async function refuseUngovernedAccess(db: Db, tableId: string, fullName: string): Promise<void> {
  const [detail] = await db.select().from(tableDetails).where(eq(tableDetails.securableId, tableId));
  if (!detail) return;
  if (detail.tableType === "VIEW" || detail.tableType === "MATERIALIZED_VIEW" || detail.tableType === "METRIC_VIEW") {
    throw invalidArgument(`${fullName} is a view: it has no storage of its own, and ${ADVICE}`);
  }
  if (detail.rowFilter) throw permissionDenied(`Table ${fullName} has a row filter; ${ADVICE}`);
  const masked = detail.columns.find((c) => c.mask);
  if (masked) throw permissionDenied(`Table ${fullName} has a column mask on column ${masked.name}; ${ADVICE}`);
}

/**
 * Refuses path credentials over a prefix that holds a filtered or masked table: READ FILES on
 * the external location must not become a way around the table's policies.
 */
export async function refuseGovernedTablesWithin(db: Db, url: string): Promise<void> {
  const hasMask = sql`exists (select 1 from jsonb_array_elements(${tableDetails.columns}) c where jsonb_typeof(c->'mask') = 'object')`;
  const [row] = await db
    .select({ fullName: securables.fullName })
    .from(securables)
    .innerJoin(tableDetails, eq(tableDetails.securableId, securables.id))
    .where(and(eq(securables.type, "table"), storedWithin(url), or(sql`jsonb_typeof(${tableDetails.rowFilter}) = 'object'`, hasMask)))
    .orderBy(securables.fullName)
    .limit(1);
  if (row) {
    throw new LakewardError("PERMISSION_DENIED", `${url} holds table ${row.fullName}, which has a row filter or column mask; ${ADVICE}`);
  }
}
