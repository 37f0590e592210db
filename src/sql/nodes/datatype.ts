import type { Identifier, Node } from "./common";

/** Canonical (Spark `typeName`) spellings of the scalar types; aliases map onto these. */
export type PrimitiveTypeName =
  | "boolean"
  | "tinyint"
  | "smallint"
  | "int"
  | "bigint"
  | "float"
  | "double"
  | "decimal"
  | "string"
  | "varchar"
  | "char"
  | "binary"
  | "date"
  | "timestamp"
  | "timestamp_ntz"
  | "void"
  | "variant";

/** Interval fields, coarsest first. */
export type IntervalUnit = "year" | "month" | "day" | "hour" | "minute" | "second";

interface TypeBase extends Node {
  /**
   * Canonical lower-case text in Spark's catalog form, e.g. `decimal(10,2)`,
   * `array<string>`, `map<string,int>`, `struct<a:int,b:string>`, `interval day to second`.
   * Struct field names keep their spelling (backticked when needed).
   */
  typeText: string;
}

/** A scalar type; `params` holds precision/scale or length (`decimal` defaults to 10,0). */
export interface PrimitiveType extends TypeBase {
  kind: "primitive";
  name: PrimitiveTypeName;
  params: number[];
}

export interface ArrayType extends TypeBase {
  kind: "array";
  element: DataType;
}

export interface MapType extends TypeBase {
  kind: "map";
  key: DataType;
  value: DataType;
}

export interface StructField extends Node {
  name: Identifier;
  type: DataType;
  notNull: boolean;
  comment?: string;
}

export interface StructType extends TypeBase {
  kind: "struct";
  fields: StructField[];
}

/** `INTERVAL DAY TO SECOND`, `INTERVAL YEAR`, ... (`to` absent for a single field). */
export interface IntervalType extends TypeBase {
  kind: "interval";
  from: IntervalUnit;
  to?: IntervalUnit;
}

/** A Spark SQL data type. */
export type DataType = PrimitiveType | ArrayType | MapType | StructType | IntervalType;
