import { describe, expect, it } from "vitest";
import { parseFilter, parsePatchPath } from "../../src/auth/scim/filter";
import { matchesElement } from "../../src/auth/scim/filter-match";
import { LakewardError } from "../../src/errors";

const scimTypeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(LakewardError);
    return { type: (err as LakewardError).details?.scimType, message: (err as LakewardError).message };
  }
  throw new Error("expected a failure");
};

describe("SCIM filter parser (RFC 7644 §3.4.2.2)", () => {
  it("parses comparisons with case-insensitive attribute names and operators", () => {
    expect(parseFilter('UserName EQ "ann@example.com"')).toEqual({ kind: "compare", op: "eq", path: { uri: undefined, attr: "username", sub: undefined, raw: { attr: "UserName", sub: undefined } }, value: "ann@example.com" });
    expect(parseFilter("emails.value co \"@example\"")).toMatchObject({ op: "co", path: { attr: "emails", sub: "value" } });
    expect(parseFilter("title pr")).toMatchObject({ kind: "present", path: { attr: "title" } });
    expect(parseFilter("active eq true")).toMatchObject({ value: true });
    expect(parseFilter("externalId eq null")).toMatchObject({ value: null });
  });

  it("gives and precedence over or, and honours parentheses and not", () => {
    const f = parseFilter('a eq "1" or b eq "2" and c eq "3"');
    expect(f).toMatchObject({ kind: "or", left: { path: { attr: "a" } }, right: { kind: "and" } });
    const g = parseFilter('(a eq "1" or b eq "2") and not (c pr)');
    expect(g).toMatchObject({ kind: "and", left: { kind: "or" }, right: { kind: "not", filter: { kind: "present" } } });
  });

  it("decodes JSON escapes in quoted values", () => {
    expect(parseFilter('displayName eq "say \\"hi\\" \\\\ \\u00e9"')).toMatchObject({ value: 'say "hi" \\ é' });
  });

  it("parses value paths and URN-qualified attributes", () => {
    expect(parseFilter('emails[type eq "work" and value sw "a"]')).toMatchObject({ kind: "valuePath", path: { attr: "emails" }, filter: { kind: "and" } });
    expect(parseFilter('urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq "7"')).toMatchObject({
      path: { uri: "urn:ietf:params:scim:schemas:extension:enterprise:2.0:user", attr: "employeenumber" },
    });
  });

  it("refuses malformed filters with invalidFilter saying what was expected and where", () => {
    expect(scimTypeOf(() => parseFilter('userName eq "unterminated'))).toMatchObject({ type: "invalidFilter" });
    expect(scimTypeOf(() => parseFilter("userName eq"))).toMatchObject({ type: "invalidFilter", message: expect.stringContaining("Expected a value") });
    expect(scimTypeOf(() => parseFilter('userName like "x"'))).toMatchObject({ message: "Unknown operator 'like'." });
    expect(scimTypeOf(() => parseFilter('(userName eq "x"'))).toMatchObject({ message: expect.stringContaining("Expected ')'") });
    expect(scimTypeOf(() => parseFilter('userName eq "x" extra'))).toMatchObject({ message: expect.stringContaining("position 17") });
    expect(scimTypeOf(() => parseFilter(""))).toMatchObject({ type: "invalidFilter" });
    expect(scimTypeOf(() => parseFilter("userName eq bare"))).toMatchObject({ type: "invalidFilter" });
  });
});

describe("SCIM PATCH paths", () => {
  it("parses attribute, sub-attribute and filtered paths", () => {
    expect(parsePatchPath("name.givenName")).toEqual({ path: { uri: undefined, attr: "name", sub: "givenname", raw: { attr: "name", sub: "givenName" } } });
    expect(parsePatchPath('members[value eq "abc"]')).toMatchObject({ path: { attr: "members" }, filter: { op: "eq", value: "abc" } });
    expect(parsePatchPath('emails[type eq "work"].value')).toMatchObject({ path: { attr: "emails" }, sub: "value" });
  });

  it("refuses bad paths with invalidPath", () => {
    expect(scimTypeOf(() => parsePatchPath("members[value eq"))).toMatchObject({ type: "invalidPath" });
    expect(scimTypeOf(() => parsePatchPath("a.b.c"))).toMatchObject({ type: "invalidPath" });
    expect(scimTypeOf(() => parsePatchPath("name given"))).toMatchObject({ type: "invalidPath" });
  });
});

describe("in-memory filter matching (for value paths)", () => {
  it("compares case-insensitively and handles booleans, presence and not", () => {
    const email = { value: "Ann@Example.com", type: "Work", primary: true };
    expect(matchesElement(email, parseFilter('type eq "work"'))).toBe(true);
    expect(matchesElement(email, parseFilter('value ew "example.COM" and primary eq true'))).toBe(true);
    expect(matchesElement(email, parseFilter("display pr"))).toBe(false);
    expect(matchesElement(email, parseFilter('not (type eq "home")'))).toBe(true);
  });
});
