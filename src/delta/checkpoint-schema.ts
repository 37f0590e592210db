import type { SchemaElement } from "hyparquet-writer";

/**
 * The parquet schema of a classic V1 checkpoint (PROTOCOL.md "Checkpoint Schema"): one
 * optional struct column per action type; maps are parquet MAPs of string→string and arrays
 * parquet LISTs, laid out as Spark writes them so Spark, delta-rs, DuckDB and our own reader
 * all read it. Built as a flat, depth-first SchemaElement list, which is what parquet stores.
 */
type Node = { element: SchemaElement; children?: Node[] };

const str = (name: string): Node => ({ element: { name, type: "BYTE_ARRAY", converted_type: "UTF8", repetition_type: "OPTIONAL" } });
const i64 = (name: string): Node => ({ element: { name, type: "INT64", repetition_type: "OPTIONAL" } });
const i32 = (name: string): Node => ({ element: { name, type: "INT32", repetition_type: "OPTIONAL" } });
const bool = (name: string): Node => ({ element: { name, type: "BOOLEAN", repetition_type: "OPTIONAL" } });
const group = (name: string, children: Node[]): Node => ({ element: { name, repetition_type: "OPTIONAL" }, children });

/** map<string,string>: MAP group → repeated key_value(key required, value optional). */
const stringMap = (name: string): Node => ({
  element: { name, repetition_type: "OPTIONAL", converted_type: "MAP" },
  children: [{
    element: { name: "key_value", repetition_type: "REPEATED" },
    children: [
      { element: { name: "key", type: "BYTE_ARRAY", converted_type: "UTF8", repetition_type: "REQUIRED" } },
      str("value"),
    ],
  }],
});

/** array<string>: LIST group → repeated list → optional element. */
const stringList = (name: string): Node => ({
  element: { name, repetition_type: "OPTIONAL", converted_type: "LIST" },
  children: [{ element: { name: "list", repetition_type: "REPEATED" }, children: [str("element")] }],
});

const deletionVector = () =>
  group("deletionVector", [str("storageType"), str("pathOrInlineDv"), i32("offset"), i32("sizeInBytes"), i64("cardinality"), i64("maxRowIndex")]);

const TREE: Node[] = [
  group("txn", [str("appId"), i64("version"), i64("lastUpdated")]),
  group("add", [
    str("path"), stringMap("partitionValues"), i64("size"), i64("modificationTime"), bool("dataChange"),
    str("stats"), stringMap("tags"), deletionVector(), i64("baseRowId"), i64("defaultRowCommitVersion"), str("clusteringProvider"),
  ]),
  group("remove", [
    str("path"), i64("deletionTimestamp"), bool("dataChange"), bool("extendedFileMetadata"), stringMap("partitionValues"),
    i64("size"), deletionVector(), i64("baseRowId"), i64("defaultRowCommitVersion"),
  ]),
  group("metaData", [
    str("id"), str("name"), str("description"), group("format", [str("provider"), stringMap("options")]),
    str("schemaString"), stringList("partitionColumns"), stringMap("configuration"), i64("createdTime"),
  ]),
  group("protocol", [i32("minReaderVersion"), i32("minWriterVersion"), stringList("readerFeatures"), stringList("writerFeatures")]),
  group("domainMetadata", [str("domain"), str("configuration"), bool("removed")]),
];

/** Top-level checkpoint columns, in schema order. */
export const CHECKPOINT_COLUMNS = TREE.map((n) => n.element.name);

/** Flattened parquet schema for a checkpoint file. */
export function checkpointParquetSchema(): SchemaElement[] {
  const out: SchemaElement[] = [{ name: "root", num_children: TREE.length }];
  const visit = (n: Node) => {
    out.push(n.children ? { ...n.element, num_children: n.children.length } : n.element);
    n.children?.forEach(visit);
  };
  TREE.forEach(visit);
  return out;
}

/** INT64 leaves of each struct, so values can be turned into bigint before writing. */
export const INT64_FIELDS: Record<string, ReadonlySet<string>> = Object.fromEntries(
  TREE.map((n) => [n.element.name, new Set((n.children ?? []).filter((c) => c.element.type === "INT64").map((c) => c.element.name))]),
);
