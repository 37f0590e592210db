import { describe, expect, it } from "vitest";
import { applyPatch } from "../../src/auth/scim/patch";
import { LakewardError } from "../../src/errors";

const user = () => ({
  schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
  id: "u1",
  userName: "ann@example.com",
  active: true,
  name: { givenName: "Ann", familyName: "Lee" },
  emails: [{ value: "ann@example.com", type: "work", primary: true }],
});

const failure = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return (err as LakewardError).details?.scimType;
  }
  throw new Error("expected a failure");
};

describe("applyPatch (RFC 7644 §3.5.2)", () => {
  it("replaces without a path, Okta style, and with an Entra capitalised op and string boolean", () => {
    expect(applyPatch(user(), [{ op: "replace", value: { active: false } }], "User").active).toBe(false);
    expect(applyPatch(user(), [{ op: "Replace", path: "active", value: "False" }], "User").active).toBe("False");
  });

  it("sets sub-attributes and filtered values, creating a missing filtered element", () => {
    const out = applyPatch(user(), [
      { op: "Replace", path: "name.familyName", value: "Kim" },
      { op: "Replace", path: 'emails[type eq "work"].value', value: "ann@new.example" },
      { op: "Add", path: 'emails[type eq "home"].value', value: "ann@home.example" },
    ], "User");
    expect(out.name).toEqual({ givenName: "Ann", familyName: "Kim" });
    expect(out.emails).toEqual([
      { value: "ann@new.example", type: "work", primary: true },
      { type: "home", value: "ann@home.example" },
    ]);
  });

  it("treats attribute names case-insensitively and keeps canonical spelling", () => {
    const out = applyPatch(user(), [{ op: "replace", path: "DISPLAYNAME", value: "Ann Lee" }, { op: "replace", value: { "Name.GivenName": "Annie" } }], "User");
    expect(out.displayName).toBe("Ann Lee");
    expect((out.name as { givenName: string }).givenName).toBe("Annie");
  });

  it("adds to, filters out of and removes by value from multi-valued attributes", () => {
    const group = { id: "g", displayName: "eng", members: [{ value: "a" }, { value: "b" }] };
    const added = applyPatch(group, [{ op: "add", path: "members", value: [{ value: "b" }, { value: "c" }] }], "Group");
    expect((added.members as { value: string }[]).map((m) => m.value)).toEqual(["a", "b", "c"]);
    const filtered = applyPatch(added, [{ op: "remove", path: 'members[value eq "a"]' }], "Group");
    expect((filtered.members as { value: string }[]).map((m) => m.value)).toEqual(["b", "c"]);
    const listed = applyPatch(filtered, [{ op: "Remove", path: "members", value: [{ $ref: null, value: "c" }] }], "Group");
    expect((listed.members as { value: string }[]).map((m) => m.value)).toEqual(["b"]);
    const all = applyPatch(listed, [{ op: "remove", path: "members" }], "Group");
    expect(all.members).toBeUndefined();
    // Removing what is not there is not an error: provisioning clients retry.
    expect(applyPatch(group, [{ op: "remove", path: 'members[value eq "zz"]' }], "Group").members).toHaveLength(2);
  });

  it("writes enterprise extension attributes under their URN", () => {
    const ext = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    const out = applyPatch(user(), [{ op: "add", path: `${ext}:employeeNumber`, value: "42" }, { op: "replace", value: { [ext]: { department: "R&D" } } }], "User");
    expect(out[ext]).toEqual({ employeeNumber: "42", department: "R&D" });
    const custom = "urn:ietf:params:scim:schemas:extension:custom:2.0:User";
    const withCustom = applyPatch(user(), [{ op: "Replace", path: `${custom}:worksiteId`, value: "180" }], "User");
    expect(withCustom[custom]).toEqual({ worksiteId: "180" });
  });

  it("refuses unknown ops, path-less removes, bad paths and unmatched replaces", () => {
    expect(failure(() => applyPatch(user(), [{ op: "move", path: "active", value: 1 }], "User"))).toBe("invalidSyntax");
    expect(failure(() => applyPatch(user(), [{ op: "remove" }], "User"))).toBe("noTarget");
    expect(failure(() => applyPatch(user(), [{ op: "replace", path: "emails[", value: 1 }], "User"))).toBe("invalidPath");
    expect(failure(() => applyPatch(user(), [{ op: "replace", path: 'emails[type eq "x" or type eq "y"].value', value: "v" }], "User"))).toBe("noTarget");
    expect(failure(() => applyPatch(user(), [{ op: "add", path: "title" }], "User"))).toBe("invalidValue");
    expect(failure(() => applyPatch(user(), [{ op: "add", path: "urn:ietf:params:scim:schemas:core:2.0:Group:displayName", value: 1 }], "User"))).toBe("invalidPath");
  });
});
