import { describe, expect, it } from "vitest";
import {
  PRIVILEGES, isPrivilege, normalizeName, normalizePrivilege, parseStatement, stripSpans,
} from "../../src/sql/index";
import { parseAs as parse } from "./helpers";

describe("GRANT / REVOKE", () => {
  it("normalises multi-word privileges written in any case and spacing", () => {
    const g = parse("grant use   CATALOG,\n create  external\ttable on catalog main to bob", "Grant");
    expect(g.privileges.map((p) => p.name)).toEqual(["USE CATALOG", "CREATE EXTERNAL TABLE"]);
    expect(g.privileges[1]!.span).toEqual({ start: 22, end: 44, line: 2, column: 2 });
  });

  it("builds the securable and principals", () => {
    const g = parse("GRANT SELECT ON TABLE main.sales.orders TO `alice@example.com`, analysts", "Grant");
    expect(stripSpans(g.securable)).toEqual({
      type: "table",
      name: { parts: [
        { value: "main", quoted: false }, { value: "sales", quoted: false }, { value: "orders", quoted: false },
      ] },
    });
    expect(stripSpans(g.principals)).toEqual([
      { type: "principal", name: "alice@example.com", quoted: true },
      { type: "principal", name: "analysts", quoted: false },
    ]);
    expect(g.securable.span).toEqual({ start: 16, end: 39, line: 1, column: 17 });
    expect(g.principals[0]!.span).toEqual({ start: 43, end: 62, line: 1, column: 44 });
    expect(g.span).toEqual({ start: 0, end: 72, line: 1, column: 1 });
  });

  it.each([
    ["METASTORE", "metastore", 0],
    ["CATALOG c", "catalog", 1],
    ["SCHEMA c.s", "schema", 2],
    ["DATABASE c.s", "schema", 2],
    ["TABLE c.s.t", "table", 3],
    ["c.s.t", "table", 3],
    ["VIEW c.s.v", "view", 3],
    ["MATERIALIZED VIEW c.s.m", "materialized_view", 3],
    ["VOLUME c.s.v", "volume", 3],
    ["FUNCTION c.s.f", "function", 3],
    ["MODEL c.s.m", "model", 3],
    ["EXTERNAL LOCATION l", "external_location", 1],
    ["STORAGE CREDENTIAL c", "storage_credential", 1],
    ["CONNECTION c", "connection", 1],
    ["SHARE s", "share", 1],
    ["RECIPIENT r", "recipient", 1],
  ])("securable %s", (text, type, parts) => {
    const g = parse(`GRANT ALL PRIVILEGES ON ${text} TO x`, "Grant");
    expect(g.securable.type).toBe(type);
    expect(g.securable.type === "metastore" ? 0 : g.securable.name.parts.length).toBe(parts);
  });

  it("marks recipients as such and keeps a principal named 'recipient' a principal", () => {
    const r = parse("REVOKE SELECT ON SHARE s FROM RECIPIENT acme, recipient", "Revoke");
    expect(r.principals.map((p) => [p.type, p.name])).toEqual([["recipient", "acme"], ["principal", "recipient"]]);
  });
});

describe("SHOW GRANTS", () => {
  it("ON securable, with and without a principal", () => {
    expect(stripSpans(parse("SHOW GRANTS ON SCHEMA main.s", "ShowGrants"))).toMatchObject({
      securable: { type: "schema" },
    });
    const withPrincipal = parse("SHOW GRANTS `data eng` ON CATALOG main", "ShowGrants");
    expect(withPrincipal.principal).toMatchObject({ name: "data eng", quoted: true });
    expect(withPrincipal.securable).toMatchObject({ type: "catalog" });
  });

  it("TO principal has no securable", () => {
    const s = parse("SHOW GRANTS TO RECIPIENT acme", "ShowGrants");
    expect(s.securable).toBeUndefined();
    expect(s.principal).toMatchObject({ type: "recipient", name: "acme" });
  });
});

describe("ownership and renames", () => {
  it.each([
    ["CATALOG c", "catalog"],
    ["SCHEMA c.s", "schema"],
    ["DATABASE c.s", "schema"],
    ["TABLE c.s.t", "table"],
    ["VIEW c.s.v", "view"],
    ["VOLUME c.s.v", "volume"],
    ["FUNCTION c.s.f", "function"],
    ["MODEL c.s.m", "model"],
    ["EXTERNAL LOCATION l", "external_location"],
    ["STORAGE CREDENTIAL c", "storage_credential"],
    ["SHARE s", "share"],
    ["RECIPIENT r", "recipient"],
  ])("ALTER %s [SET] OWNER TO", (text, type) => {
    for (const set of ["", "SET "]) {
      const a = parse(`ALTER ${text} ${set}OWNER TO \`new owner\``, "AlterOwner");
      expect(a.securable.type).toBe(type);
      expect(a.owner).toMatchObject({ name: "new owner", quoted: true });
      expect(a.securable.span.column).toBe(7);
    }
  });

  it("RENAME TO keeps the full new name", () => {
    const r = parse("ALTER TABLE main.s.t RENAME TO main.s.t2", "AlterRename");
    expect(normalizeName(r.newName)).toEqual(["main", "s", "t2"]);
  });
});

describe("names", () => {
  it("normalizeName lower-cases quoted and unquoted parts alike", () => {
    const d = parse("DROP TABLE Main.`Sales Data`.ORDERS", "DropTable");
    expect(normalizeName(d.name)).toEqual(["main", "sales data", "orders"]);
    expect(d.name.parts.map((p) => p.value)).toEqual(["Main", "Sales Data", "ORDERS"]);
  });

  it("allows non-reserved keywords as names and rejects reserved ones", () => {
    expect(normalizeName(parse("DROP TABLE catalog.schema.owner", "DropTable").name)).toEqual(["catalog", "schema", "owner"]);
    expect(() => parseStatement("DROP TABLE main.s.select")).toThrow(/expected identifier, found 'select'/);
  });
});

describe("privilege vocabulary", () => {
  it("contains the uc-semantics §2 privileges and the extra ones", () => {
    for (const p of ["USE CATALOG", "CREATE MATERIALIZED VIEW", "SET SHARE PERMISSION", "ALL PRIVILEGES",
      "MANAGE", "BROWSE", "EXTERNAL USE SCHEMA", "EXTERNAL USE LOCATION", "CREATE SERVICE CREDENTIAL",
      "ACCESS", "USAGE", "READ FILES", "CREATE MANAGED STORAGE"]) {
      expect(PRIVILEGES).toContain(p);
    }
  });

  it("every privilege parses in a GRANT", () => {
    for (const p of PRIVILEGES) {
      expect(parse(`GRANT ${p.toLowerCase()} ON METASTORE TO x`, "Grant").privileges[0]!.name).toBe(p);
    }
  });

  it("normalizePrivilege and isPrivilege", () => {
    expect(normalizePrivilege("  use \n schema ")).toBe("USE SCHEMA");
    expect(isPrivilege("USE SCHEMA")).toBe(true);
    expect(isPrivilege("use schema")).toBe(false);
  });
});
