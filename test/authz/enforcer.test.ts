/**
 * PrivilegeEnforcer on its own, with policies/model.conf: the one question casbin answers
 * (DESIGN §4) — does the subject, or a group in its closure, hold privilege X on S through a
 * line on S or on an ancestor S inherits from?
 */
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { PrivilegeEnforcer, type CheckObject, type PolicyLine, type Subject } from "../../src/authz/enforcer";

const modelText = readFileSync(new URL("../../policies/model.conf", import.meta.url), "utf8");

const user = "u-alice";
const group = "g-analysts";
const parentGroup = "g-everyone";
const stranger = "u-mallory";
const [catalog, schema, table, otherTable] = ["s-catalog", "s-schema", "s-table", "s-other"];

const alice: Subject = { id: user, closure: new Set([user, group, parentGroup]) };
// The evaluator lists ancestors below the metastore, nearest first.
const onTable: CheckObject = { id: table, inheritsFrom: [schema, catalog] };
const onSchema: CheckObject = { id: schema, inheritsFrom: [catalog] };
const onCatalog: CheckObject = { id: catalog, inheritsFrom: [] };

let enforcer: PrivilegeEnforcer;
beforeAll(async () => {
  enforcer = await PrivilegeEnforcer.create(modelText);
});

const holds = (obj: CheckObject, privilege: string, lines: PolicyLine[], sub: Subject = alice) => enforcer.holds(sub, obj, privilege, lines);

describe("PrivilegeEnforcer with policies/model.conf", () => {
  it("allows a privilege granted on the object to the subject itself", () => {
    expect(holds(onTable, "SELECT", [[user, table, "SELECT"]])).toBe(true);
  });

  it("allows it through any group of the closure, however it was reached", () => {
    expect(holds(onTable, "SELECT", [[group, table, "SELECT"]])).toBe(true);
    expect(holds(onTable, "SELECT", [[parentGroup, table, "SELECT"]])).toBe(true);
  });

  it("ignores lines for principals outside the closure", () => {
    expect(holds(onTable, "SELECT", [[stranger, table, "SELECT"]])).toBe(false);
  });

  it("matches privileges exactly: no implication between distinct privileges, case matters", () => {
    expect(holds(onTable, "MODIFY", [[user, table, "SELECT"]])).toBe(false);
    expect(holds(onTable, "SELECT", [[user, table, "select"]])).toBe(false);
    expect(holds(onTable, "SELECT", [[user, table, "MANAGE"]])).toBe(false);
  });

  it("inherits a grant from any ancestor it is told about", () => {
    expect(holds(onTable, "SELECT", [[group, catalog, "SELECT"]])).toBe(true);
    expect(holds(onTable, "SELECT", [[group, schema, "SELECT"]])).toBe(true);
    expect(holds(onSchema, "USE SCHEMA", [[user, catalog, "USE SCHEMA"]])).toBe(true);
  });

  it("does not inherit from below, from siblings, or from anything not named as an ancestor", () => {
    expect(holds(onSchema, "SELECT", [[user, table, "SELECT"]])).toBe(false);
    expect(holds(onTable, "SELECT", [[user, otherTable, "SELECT"]])).toBe(false);
    // A metastore is never passed as an ancestor, so a line on it reaches nothing below.
    expect(holds(onCatalog, "USE CATALOG", [[user, "s-metastore", "USE CATALOG"]])).toBe(false);
  });

  it("gives an owner every privilege on what it owns, MANAGE included", () => {
    for (const privilege of ["SELECT", "MODIFY", "MANAGE", "APPLY TAG", "EXTERNAL USE SCHEMA"]) {
      expect(holds(onTable, privilege, [[group, table, "OWNER"]]), privilege).toBe(true);
    }
  });

  it("does not let ownership flow down to children", () => {
    expect(holds(onTable, "SELECT", [[user, schema, "OWNER"]])).toBe(false);
    expect(holds(onTable, "MANAGE", [[user, catalog, "OWNER"]])).toBe(false);
  });

  it("expands ALL PRIVILEGES, inherited too, but not to MANAGE or EXTERNAL USE", () => {
    const lines: PolicyLine[] = [[group, catalog, "ALL PRIVILEGES"]];
    for (const privilege of ["SELECT", "MODIFY", "USE SCHEMA", "CREATE TABLE", "READ VOLUME", "APPLY TAG"]) {
      expect(holds(onTable, privilege, lines), privilege).toBe(true);
    }
    for (const privilege of ["MANAGE", "EXTERNAL USE SCHEMA", "EXTERNAL USE LOCATION"]) {
      expect(holds(onTable, privilege, lines), privilege).toBe(false);
    }
  });

  it("allows when any one of several lines matches, and denies with no lines", () => {
    const lines: PolicyLine[] = [
      [stranger, table, "SELECT"],
      [user, otherTable, "SELECT"],
      [parentGroup, schema, "SELECT"],
    ];
    expect(holds(onTable, "SELECT", lines)).toBe(true);
    expect(holds(onTable, "SELECT", [])).toBe(false);
  });

  it("forgets the lines of one call before the next", () => {
    expect(holds(onTable, "SELECT", [[user, table, "SELECT"]])).toBe(true);
    expect(holds(onTable, "SELECT", [[stranger, table, "SELECT"]])).toBe(false);
    const other: Subject = { id: stranger, closure: new Set([stranger]) };
    expect(holds(onTable, "SELECT", [[user, table, "SELECT"]], other)).toBe(false);
  });

  it("decides exactly like casbin's enforceSync, which any other model shape still goes through", async () => {
    // An unused role definition takes the enforcer off its direct path (see enforcer.ts).
    const viaEnforce = await PrivilegeEnforcer.create(modelText.replace("[policy_effect]", "[role_definition]\ng = _, _\n\n[policy_effect]"));
    const principals = [user, group, parentGroup, stranger];
    const securables = [catalog, schema, table, otherTable, "s-metastore"];
    const privileges = ["SELECT", "MODIFY", "MANAGE", "OWNER", "ALL PRIVILEGES", "USE SCHEMA", "EXTERNAL USE SCHEMA"];
    let seed = 0x2545f491;
    const next = (n: number) => {
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      return (seed >>> 0) % n;
    };
    const objects = [onTable, onSchema, onCatalog];
    let allowed = 0;
    for (let i = 0; i < 2000; i++) {
      const lines = Array.from({ length: next(4) }, (): PolicyLine => [principals[next(4)]!, securables[next(5)]!, privileges[next(7)]!]);
      const obj = objects[next(3)]!;
      const wanted = privileges[next(7)]!;
      const direct = holds(obj, wanted, lines);
      expect(viaEnforce.holds(alice, obj, wanted, lines), JSON.stringify({ obj, wanted, lines })).toBe(direct);
      if (direct) allowed++;
    }
    expect(allowed).toBeGreaterThan(100);
  });
});
