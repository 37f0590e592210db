import { LakewardError } from "../errors";

/**
 * What user SQL may not call (issue 6 §5). The engine reads only the files the planner names;
 * anything that reaches files, settings, the engine's own catalogs or runs SQL text is refused
 * here, before execution, and the DuckDB lockdown stops it again if this list misses a name.
 */
const DENIED_PREFIXES = ["read_", "duckdb_", "pragma_", "parquet_", "iceberg_", "delta_", "sqlite_", "postgres_", "mysql_", "json_execute", "load_", "install_", "sniff_", "glob"];

const DENIED = new Set([
  "query", "query_table", "current_setting", "current_query", "getenv", "getvariable", "set_variable",
  "which_secret", "checkpoint", "force_checkpoint", "sql_auto_complete", "json_serialize_sql",
  "json_deserialize_sql", "json_serialize_plan", "from_substrait", "get_substrait", "enable_profiling",
  "disable_profiling", "enable_logging", "disable_logging", "test_all_types", "test_vector_types",
  "summary", "repeat_row", "icu_calendar_names", "pg_timezone_names", "information_schema",
  "has_table_privilege", "has_schema_privilege", "has_any_column_privilege", "pg_get_viewdef",
  "pg_get_constraintdef", "nextval", "currval", "setval", "current_database", "current_catalog",
  "current_schemas", "current_role", "user", "session_user", "current_user", "system_user",
]);

/** Table functions that produce rows without reading anything. */
const ALLOWED_TABLE_FUNCTIONS = new Set(["range", "generate_series", "unnest"]);

/** Whether user SQL may call the function `name` (lower case). */
export function isDeniedFunction(name: string): boolean {
  const n = name.toLowerCase();
  return DENIED.has(n) || DENIED_PREFIXES.some((p) => n.startsWith(p));
}

/** Refuses a scalar or aggregate call that could reach outside the query's data. */
export function assertCallable(name: string): void {
  if (isDeniedFunction(name)) throw refused(`function ${name}()`);
}

/** Refuses a table function in FROM unless it only generates rows. */
export function assertTableFunction(name: string): void {
  if (!ALLOWED_TABLE_FUNCTIONS.has(name.toLowerCase())) throw refused(`table function ${name}()`);
}

/** The error for a construct user SQL may not use. */
export function refused(what: string): LakewardError {
  return new LakewardError("PERMISSION_DENIED", `${what} is not allowed in queries: queries read catalog tables, views and functions only.`);
}

/** The error for SQL this engine does not support (as opposed to refuses). */
export function unsupported(what: string): LakewardError {
  return new LakewardError("UNIMPLEMENTED", `${what} is not supported by the query engine.`);
}

/** Prefix of every name the engine generates; user SQL may not spell it. */
export const RESERVED_PREFIX = "__lw";

/** Refuses identifiers in the engine's own namespace, so no query can name a raw scan. */
export function assertNotReserved(name: string): void {
  if (name.toLowerCase().startsWith(RESERVED_PREFIX)) throw refused(`the name '${name}' (prefix ${RESERVED_PREFIX} is reserved)`);
}
