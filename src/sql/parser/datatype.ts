import { PRIMITIVE_TYPES, isIntervalRange, renderTypeText, type DataTypeShape } from "../datatypes";
import type { DataType, IntervalUnit, PrimitiveTypeName, StructField } from "../nodes/datatype";
import type { Token } from "../tokens";
import { parseIdentifier, parseString } from "./basics";
import type { Parser } from "./cursor";

const INTERVAL_UNITS = ["YEAR", "MONTH", "DAY", "HOUR", "MINUTE", "SECOND"];

/**
 * A Spark SQL data type: scalar types and their aliases, `DECIMAL(p[,s])`, `VARCHAR(n)`,
 * `CHAR(n)`, `ARRAY<T>`, `MAP<K,V>`, `STRUCT<a: T, b T>` and `INTERVAL x [TO y]`.
 * Aliases are folded into the canonical name (INTEGER → int) and DECIMAL's defaults are
 * filled in, so equal types give equal nodes and printing never changes meaning.
 */
export function parseDataType(p: Parser): DataType {
  const first = p.current;
  const word = first.kind === "word" ? first.upper : "";
  if (word === "ARRAY" || word === "MAP" || word === "STRUCT") {
    p.advance();
    return finish(p, first, parseNested(p, word));
  }
  if (word === "INTERVAL") {
    p.advance();
    return finish(p, first, parseInterval(p));
  }
  const name = PRIMITIVE_TYPES[word];
  if (!name) p.fail("data type");
  p.advance();
  return finish(p, first, { kind: "primitive", name, params: parseTypeParams(p, name) });
}

function finish(p: Parser, first: Token, shape: DataTypeShape): DataType {
  return { ...shape, typeText: renderTypeText(shape), span: p.spanFrom(first) } as DataType;
}

function parseNested(p: Parser, word: string): DataTypeShape {
  p.expectPunct("<");
  let shape: DataTypeShape;
  if (word === "ARRAY") {
    shape = { kind: "array", element: parseDataType(p) };
  } else if (word === "MAP") {
    const key = parseDataType(p);
    p.expectPunct(",");
    shape = { kind: "map", key, value: parseDataType(p) };
  } else {
    const fields: StructField[] = [];
    if (!p.checkPunct(">")) {
      do fields.push(parseStructField(p));
      while (p.acceptPunct(","));
    }
    shape = { kind: "struct", fields };
  }
  p.expectPunct(">");
  return shape;
}

/** `name [:] type [NOT NULL] [COMMENT 'x']`. */
function parseStructField(p: Parser): StructField {
  const first = p.current;
  const name = parseIdentifier(p);
  p.acceptPunct(":");
  const type = parseDataType(p);
  const notNull = p.accept("NOT", "NULL");
  const comment = p.accept("COMMENT") ? parseString(p) : undefined;
  return { name, type, notNull, comment, span: p.spanFrom(first) };
}

function parseInterval(p: Parser): DataTypeShape {
  const from = parseIntervalUnit(p);
  let to: IntervalUnit | undefined;
  if (p.accept("TO")) {
    const at = p.current;
    to = parseIntervalUnit(p);
    if (!isIntervalRange(from, to)) throw p.errorAt(at, [`a field finer than ${from.toUpperCase()}`]);
  }
  return { kind: "interval", from, to };
}

function parseIntervalUnit(p: Parser): IntervalUnit {
  for (const unit of INTERVAL_UNITS) if (p.accept(unit)) return unit.toLowerCase() as IntervalUnit;
  p.fail();
}

/** `(p, s)` for decimal (default 10,0; scale 0 if omitted), `(n)` for varchar/char (required). */
function parseTypeParams(p: Parser, name: PrimitiveTypeName): number[] {
  if (name === "decimal") {
    if (!p.acceptPunct("(")) return [10, 0];
    const precision = parseInteger(p);
    const scale = p.acceptPunct(",") ? parseInteger(p) : 0;
    p.expectPunct(")");
    return [precision, scale];
  }
  if (name === "varchar" || name === "char") {
    p.expectPunct("(");
    const length = parseInteger(p);
    p.expectPunct(")");
    return [length];
  }
  return [];
}

function parseInteger(p: Parser): number {
  const t = p.current;
  if (t.kind !== "number" || !/^[0-9]+$/.test(t.text)) p.fail("integer");
  p.advance();
  return Number(t.text);
}
