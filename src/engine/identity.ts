/**
 * Who a query runs for. Row filters and column masks ask `current_user()` and
 * `is_account_group_member(...)` about the *querying* principal, even inside views and
 * function bodies (uc-semantics §4), so these facts come from the request, never from SQL.
 */
export interface QueryIdentity {
  /** Principal name, as `current_user()` returns it. */
  userName: string;
  /** Names of every group in the principal's closure, lower-cased. */
  groups: ReadonlySet<string>;
  /** The statement's current catalog and schema, for `current_catalog()` / `current_schema()`. */
  catalog?: string;
  schema?: string;
}

/** Builds the identity from a request principal's name and its group closure names. */
export function queryIdentity(name: string, groupNames: Iterable<string>, session: { catalog?: string; schema?: string }): QueryIdentity {
  return { userName: name, groups: new Set([...groupNames].map((g) => g.toLowerCase())), catalog: session.catalog, schema: session.schema };
}

/** Whether the principal is in group `name` (group names compare case-insensitively). */
export function isGroupMember(identity: QueryIdentity, name: string): boolean {
  return identity.groups.has(name.toLowerCase());
}
