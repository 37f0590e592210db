import type { Services } from "../../services";
import type { RecipientCaller } from "../recipients/authenticate";
import { grantedShares, type GrantedShare } from "./access";
import { missing } from "./errors";
import { pageOf, type ListPage } from "./paging";
import { sharedTablesOf, type SharedTable } from "./shared-tables";

/** Share, Schema and Table objects of the list endpoints (digest A.2). */
export interface ShareEntry {
  name: string;
  id: string;
}
export interface SchemaEntry {
  name: string;
  share: string;
}
export interface TableEntry {
  name: string;
  schema: string;
  share: string;
  shareId: string;
  id: string;
}

export interface ListParams {
  maxResults: number;
  pageToken?: string;
}

/** GET /shares: the shares granted to the recipient. */
export async function listShares(services: Services, recipient: RecipientCaller, p: ListParams): Promise<ListPage<ShareEntry>> {
  const shares = (await grantedShares(services, recipient)).map((s) => ({ name: s.name, id: s.id }));
  return pageOf(services, shares, (s) => s.name, `shares/${recipient.id}`, p.maxResults, p.pageToken);
}

/** GET /shares/{share}/schemas. */
export async function listSchemas(services: Services, recipient: RecipientCaller, share: GrantedShare, p: ListParams): Promise<ListPage<SchemaEntry>> {
  const names = [...new Set((await sharedTablesOf(services.db, share.id)).map((t) => t.schema))];
  const schemas = names.map((name) => ({ name, share: share.name }));
  return pageOf(services, schemas, (s) => s.name, `schemas/${recipient.id}/${share.id}`, p.maxResults, p.pageToken);
}

/** GET /shares/{share}/schemas/{schema}/tables; an unknown schema is a 404. */
export async function listTables(services: Services, recipient: RecipientCaller, share: GrantedShare, schema: string, p: ListParams): Promise<ListPage<TableEntry>> {
  const wanted = schema.toLowerCase();
  const tables = (await sharedTablesOf(services.db, share.id)).filter((t) => t.schema === wanted);
  if (tables.length === 0) throw missing(`Schema '${share.name}.${schema}' does not exist.`);
  return pageOf(services, tables.map((t) => tableEntry(share, t)), (t) => t.name, `tables/${recipient.id}/${share.id}/${wanted}`, p.maxResults, p.pageToken);
}

/** GET /shares/{share}/all-tables, ordered by schema then name. */
export async function listAllTables(services: Services, recipient: RecipientCaller, share: GrantedShare, p: ListParams): Promise<ListPage<TableEntry>> {
  const tables = (await sharedTablesOf(services.db, share.id)).map((t) => tableEntry(share, t));
  return pageOf(services, tables, (t) => `${t.schema}\u0000${t.name}`, `all-tables/${recipient.id}/${share.id}`, p.maxResults, p.pageToken);
}

function tableEntry(share: GrantedShare, t: SharedTable): TableEntry {
  // Ids must be unique in the share and immutable: the data object's id, or for a table that
  // came with a shared schema, the table's own id.
  return { name: t.name, schema: t.schema, share: share.name, shareId: share.id, id: t.viaSchema ? t.node.id : t.objectId };
}
