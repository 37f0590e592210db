import { securables, tableDetails } from "../../schema/index";
import type { TestApp } from "./app";
import { findSecurable } from "../../src/catalog/rows";

/** Inserts `count` managed tables straight into the database (fast setup for list tests). */
export async function tables(t: TestApp, catalog: string, schema: string, count: number): Promise<void> {
  const parent = (await findSecurable(t.services.db, "schema", `${catalog}.${schema}`))!;
  const adminId = parent.ownerId;
  const now = Date.now();
  const rows = Array.from({ length: count }, (_, i) => {
    const name = `t${String(i).padStart(4, "0")}`;
    return { id: crypto.randomUUID(), type: "table", parentId: parent.id, name, fullName: `${catalog}.${schema}.${name}`, ownerId: adminId, createdAt: now, createdBy: "admin" };
  });
  await t.services.db.insert(securables).values(rows);
  await t.services.db.insert(tableDetails).values(rows.map((r) => ({ securableId: r.id, tableType: "MANAGED", dataSourceFormat: "DELTA", columns: [] })));
}
