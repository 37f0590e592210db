import { describe, expect, it } from "vitest";
import { columnInfosToSchema, schemaToColumnInfos } from "../../src/delta/catalog-columns";
import { isDeltaError } from "../../src/delta/errors";
import { parseSchema } from "../../src/delta/schema";
import { parseTypeText, typeText } from "../../src/delta/type-text";
import { expectedOf, HAVE_TESTDATA, tableNames } from "../support/delta-testdata";

const SCHEMA = parseSchema(JSON.stringify({
  type: "struct",
  fields: [
    { name: "id", type: "long", nullable: false, metadata: { comment: "primary key" } },
    { name: "price", type: "decimal(10,2)", nullable: true, metadata: {} },
    { name: "tags", type: { type: "array", elementType: "integer", containsNull: true }, nullable: true, metadata: {} },
    { name: "attrs", type: { type: "map", keyType: "string", valueType: "double", valueContainsNull: true }, nullable: true, metadata: {} },
    { name: "addr", type: { type: "struct", fields: [{ name: "a", type: "integer", nullable: true, metadata: {} }, { name: "b", type: "string", nullable: true, metadata: {} }] }, nullable: true, metadata: {} },
    { name: "ts", type: "timestamp_ntz", nullable: true, metadata: {} },
    { name: "tiny", type: "byte", nullable: true, metadata: {} },
    { name: "nothing", type: "void", nullable: true, metadata: {} },
    { name: "code", type: "string", nullable: true, metadata: { __CHAR_VARCHAR_TYPE_STRING: "char(3)" } },
    { name: "day", type: "date", nullable: true, metadata: {} },
  ],
}));

describe("Delta schema → Unity Catalog ColumnInfo", () => {
  const cols = schemaToColumnInfos(SCHEMA, ["day", "tiny"]);
  it("maps names, positions, UC type names, Spark type text and StructField JSON", () => {
    expect(cols.map((c) => [c.name, c.type_name, c.type_text])).toEqual([
      ["id", "LONG", "bigint"], ["price", "DECIMAL", "decimal(10,2)"], ["tags", "ARRAY", "array<int>"],
      ["attrs", "MAP", "map<string,double>"], ["addr", "STRUCT", "struct<a:int,b:string>"],
      ["ts", "TIMESTAMP_NTZ", "timestamp_ntz"], ["tiny", "BYTE", "tinyint"], ["nothing", "NULL", "void"],
      ["code", "CHAR", "char(3)"], ["day", "DATE", "date"],
    ]);
    expect(cols.map((c) => c.position)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(cols[1]).toMatchObject({ type_precision: 10, type_scale: 2 });
    expect(cols[0]).toMatchObject({ nullable: false, comment: "primary key", type_precision: 0, type_scale: 0 });
    expect(cols[0]!.partition_index).toBeUndefined();
    expect(cols[9]!.partition_index).toBe(0);
    expect(cols[6]!.partition_index).toBe(1);
    expect(JSON.parse(cols[2]!.type_json)).toEqual({ name: "tags", type: { type: "array", elementType: "integer", containsNull: true }, nullable: true, metadata: {} });
  });

  it("round-trips through the reverse mapping (type_json, or type_text alone)", () => {
    expect(columnInfosToSchema(cols)).toEqual({ schema: SCHEMA, partitionColumns: ["day", "tiny"] });
    const fromText = columnInfosToSchema(cols.map(({ type_json: _j, ...rest }) => rest));
    expect(fromText.partitionColumns).toEqual(["day", "tiny"]);
    expect(fromText.schema.fields.map((f) => typeText(f.type))).toEqual(cols.map((c) => c.type_text === "char(3)" ? "string" : c.type_text));
    expect(fromText.schema.fields[0]!.metadata.comment).toBe("primary key");
  });

  it("parses SQL-ish type text and rejects junk and duplicates", () => {
    expect(typeText(parseTypeText("STRUCT<`a b`: ARRAY<DECIMAL(38, 18)>, c: MAP<STRING, BIGINT>>"))).toBe("struct<a b:array<decimal(38,18)>,c:map<string,bigint>>");
    expect(parseTypeText("decimal")).toEqual({ kind: "decimal", precision: 10, scale: 0 });
    expect(() => parseTypeText("array<int")).toThrow(/expected ">"/);
    expect(() => parseTypeText("uuid")).toThrow(/unknown type/);
    const err = (() => { try { columnInfosToSchema([{ name: "a", type_text: "int" }, { name: "A", type_text: "int", position: 1 }]); } catch (e) { return e; } })();
    expect(isDeltaError(err, "DELTA_INVALID_ARGUMENT")).toBe(true);
  });
});

describe.skipIf(!HAVE_TESTDATA)("ColumnInfo mapping over every test table schema", () => {
  for (const name of tableNames()) {
    const exp = expectedOf(name);
    const v = exp.versions[String(exp.latestVersion)];
    if (!v) continue;
    it(`${name}: schema → columns → schema is lossless`, () => {
      const schema = parseSchema(JSON.stringify(v.schema));
      const cols = schemaToColumnInfos(schema, v.metadata.partitionColumns);
      expect(cols.every((c) => c.type_name && c.type_text)).toBe(true);
      expect(columnInfosToSchema(cols)).toEqual({ schema, partitionColumns: v.metadata.partitionColumns });
    });
  }
});
