import { DeltaError } from "./errors";
import type { DeltaType, PrimitiveTypeName, StructField } from "./schema";

/**
 * Spark's `simpleString` of a type — what Unity Catalog shows as `type_text`:
 * `int`, `bigint`, `decimal(10,2)`, `array<int>`, `map<string,int>`, `struct<a:int,b:string>`.
 */
const SIMPLE: Record<PrimitiveTypeName, string> = {
  string: "string", long: "bigint", integer: "int", short: "smallint", byte: "tinyint", float: "float",
  double: "double", boolean: "boolean", binary: "binary", date: "date", timestamp: "timestamp",
  timestamp_ntz: "timestamp_ntz", void: "void", variant: "variant",
};

/** Spark's name of a primitive type, lower case (`bigint`, `int`, `timestamp_ntz`...). */
export function simpleTypeName(name: PrimitiveTypeName): string {
  return SIMPLE[name];
}

/** Spark simpleString of a type. */
export function typeText(type: DeltaType): string {
  switch (type.kind) {
    case "primitive": return SIMPLE[type.name];
    case "decimal": return `decimal(${type.precision},${type.scale})`;
    case "array": return `array<${typeText(type.elementType)}>`;
    case "map": return `map<${typeText(type.keyType)},${typeText(type.valueType)}>`;
    case "struct": return `struct<${type.fields.map((f) => `${f.name}:${typeText(f.type)}`).join(",")}>`;
  }
}

const FROM_TEXT: Record<string, PrimitiveTypeName> = {
  string: "string", varchar: "string", char: "string", bigint: "long", long: "long", int: "integer", integer: "integer",
  smallint: "short", short: "short", tinyint: "byte", byte: "byte", float: "float", real: "float", double: "double",
  boolean: "boolean", binary: "binary", date: "date", timestamp: "timestamp", timestamp_ltz: "timestamp",
  timestamp_ntz: "timestamp_ntz", void: "void", variant: "variant",
};

/**
 * Parse a simpleString / SQL type text back into a type (the reverse mapping, for UC columns
 * that carry only `type_text`). Struct field names may be back-quoted.
 * @throws DeltaError DELTA_INVALID_ARGUMENT on text we cannot parse
 */
export function parseTypeText(text: string): DeltaType {
  let pos = 0;
  const fail = (what: string): never => {
    throw new DeltaError("DELTA_INVALID_ARGUMENT", `cannot parse type "${text}" at ${pos}: ${what}`);
  };
  const ws = () => { while (/\s/.test(text[pos] ?? "")) pos++; };
  const eat = (c: string) => { ws(); if (text[pos] !== c) fail(`expected "${c}"`); pos++; };
  const word = (): string => {
    ws();
    if (text[pos] === "`") {
      const end = text.indexOf("`", pos + 1);
      if (end < 0) fail("unterminated `");
      const w = text.slice(pos + 1, end);
      pos = end + 1;
      return w;
    }
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(pos));
    if (!m) fail("expected a name");
    pos += m![0].length;
    return m![0];
  };
  const type = (): DeltaType => {
    const w = word().toLowerCase();
    ws();
    if (w === "decimal" || w === "dec" || w === "numeric") {
      if (text[pos] !== "(") return { kind: "decimal", precision: 10, scale: 0 };
      eat("(");
      const p = Number(word0());
      eat(",");
      const s = Number(word0());
      eat(")");
      return { kind: "decimal", precision: p, scale: s };
    }
    if (w === "array") { eat("<"); const e = type(); eat(">"); return { kind: "array", elementType: e, containsNull: true }; }
    if (w === "map") { eat("<"); const k = type(); eat(","); const v = type(); eat(">"); return { kind: "map", keyType: k, valueType: v, valueContainsNull: true }; }
    if (w === "struct") {
      eat("<");
      const fields: StructField[] = [];
      ws();
      while (text[pos] !== ">") {
        const name = word();
        eat(":");
        fields.push({ name, type: type(), nullable: true, metadata: {} });
        ws();
        if (text[pos] === ",") pos++;
        else if (text[pos] !== ">") fail('expected "," or ">"');
        ws();
      }
      pos++;
      return { kind: "struct", fields };
    }
    if ((w === "char" || w === "varchar") && text[pos] === "(") { eat("("); word0(); eat(")"); }
    const prim = FROM_TEXT[w];
    if (!prim) fail(`unknown type "${w}"`);
    return { kind: "primitive", name: prim! };
  };
  const word0 = (): string => {
    ws();
    const m = /^\d+/.exec(text.slice(pos));
    if (!m) fail("expected a number");
    pos += m![0].length;
    return m![0];
  };
  const t = type();
  ws();
  if (pos !== text.length) fail("trailing text");
  return t;
}
