import type { DeltaType } from "../delta/schema";

/**
 * The Engine port (DESIGN §1): what the runtime-agnostic planner hands an engine adapter, and
 * what it gets back. The Node adapter is DuckDB (src/node/duckdb-engine.ts); Workers have none.
 *
 * A plan is self-contained: the adapter sees only the files, functions and views named here,
 * and must be able to run it with no access to anything else (issue 6 §5).
 */

/** A column as a table's data files hold it. */
export interface ScanColumn {
  /** Logical name (what queries see). */
  name: string;
  /** Name in the data files (differs under column mapping). */
  physical: string;
  /** Logical type; nested field names are logical. */
  type: DeltaType;
  /** The same type with nested field names as the files spell them. */
  physicalType: DeltaType;
  /** Partition columns are not in the files; their value comes from the file's entry. */
  partition: boolean;
}

/** One data file of a snapshot. */
export interface ScanFile {
  /** Object URL (`file:///...`). */
  url: string;
  /** Raw serialized partition values by logical column name (null = null partition). */
  partitionValues: Record<string, string | null>;
  /** 0-based row indexes removed by the file's deletion vector. */
  deletedRows?: readonly number[];
}

/** Every live file of one table version and how to read them. */
export interface TableScan {
  /** Engine name of the scan (`__lw_scan_<n>`). */
  name: string;
  /** Full name of the table, for messages and EXPLAIN redaction. */
  table: string;
  /** The table's storage location (redacted from engine output). */
  location: string;
  columns: ScanColumn[];
  files: ScanFile[];
}

/** A SQL function, created as an engine macro for the statement. */
export interface EngineMacro {
  name: string;
  params: string[];
  body: string;
}

/** A view the plan defines: a table's policy view, or a catalog view's definition. */
export interface EngineView {
  name: string;
  sql: string;
  /**
   * A policy view with a row filter. In guarded mode the adapter materializes it before the
   * query runs, so no predicate of the user's can be evaluated on rows the filter removes.
   */
  guarded: boolean;
}

/** A macro or view of a plan. */
export type EngineDefinition = ({ kind: "macro" } & EngineMacro) | ({ kind: "view" } & EngineView);

/** Everything an engine needs to run one statement's query. */
export interface EnginePlan {
  scans: TableScan[];
  /**
   * Macros and views in creation order, dependencies first: a policy view calls its filter's
   * macro, and a function body may read another table's policy view (DuckDB binds both when
   * they are created).
   */
  definitions: EngineDefinition[];
  /** The rewritten query; names only plan views and macros. */
  sql: string;
  /** Whether filters or masks were applied: engine error messages are then redacted. */
  redactErrors: boolean;
}

/** A result column with its type (null for types Delta cannot hold, e.g. intervals). */
export interface EngineColumn {
  name: string;
  type: DeltaType | null;
}

export interface EngineResult {
  columns: EngineColumn[];
  /** Values rendered as the statement API's JSON_ARRAY strings. */
  rows: (string | null)[][];
  truncated: boolean;
}

/** How a write lays out the query's columns in the target table's files. */
export interface WriteColumn {
  /** Logical name (stats and partition values are keyed by it). */
  name: string;
  /** Name in the data files. */
  physical: string;
  type: DeltaType;
  partition: boolean;
  nullable: boolean;
  /** Index of the query column that feeds it, or null to write NULL. */
  source: number | null;
}

/** Statistics of one written file, keyed by logical column names (Delta stats format). */
export interface WrittenStats {
  numRecords: number;
  minValues: Record<string, unknown>;
  maxValues: Record<string, unknown>;
  nullCount: Record<string, number>;
}

/** A data file the engine wrote, not yet in the table. */
export interface StagedFile {
  bytes: Uint8Array;
  /** Raw serialized partition values by logical name. */
  partitionValues: Record<string, string | null>;
  stats: WrittenStats;
}

export interface Engine {
  /** Names (lower case) of the engine's built-in scalar, aggregate and window functions. */
  functionNames(): Promise<ReadonlySet<string>>;
  /** Runs the plan's query; at most `maxRows` rows come back (`truncated` says if more existed). */
  query(plan: EnginePlan, maxRows: number): Promise<EngineResult>;
  /** Result columns of the plan's query, without running it. */
  describe(plan: EnginePlan): Promise<EngineColumn[]>;
  /** The engine's plan for the query, with storage paths replaced by table names. */
  explain(plan: EnginePlan): Promise<string>;
  /** Runs the query and writes its rows as parquet files laid out by `columns`. */
  write(plan: EnginePlan, columns: WriteColumn[]): Promise<StagedFile[]>;
}
