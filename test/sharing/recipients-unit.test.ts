import { describe, expect, it } from "vitest";
import { ipAllowed, validateIpAccessList } from "../../src/sharing/recipients/ip-access";
import { compilePartitionFilter } from "../../src/sharing/shares/partition-filter";
import { validatePartitions } from "../../src/sharing/shares/partitions";
import { LakewardError } from "../../src/errors";

describe("IP access lists", () => {
  it("matches IPv4 and IPv6 addresses and CIDR blocks, IPv4-mapped IPv6 included", () => {
    const list = ["10.0.0.0/8", "192.168.1.7", "2001:db8::/32", "::1"];
    expect(ipAllowed(list, "10.255.0.1")).toBe(true);
    expect(ipAllowed(list, "11.0.0.1")).toBe(false);
    expect(ipAllowed(list, "192.168.1.7")).toBe(true);
    expect(ipAllowed(list, "192.168.1.8")).toBe(false);
    expect(ipAllowed(list, "::ffff:10.1.1.1")).toBe(true);
    expect(ipAllowed(list, "2001:db8:ffff::1")).toBe(true);
    expect(ipAllowed(list, "2001:db9::1")).toBe(false);
    expect(ipAllowed(list, "::1")).toBe(true);
    expect(ipAllowed(list, undefined)).toBe(false);
    expect(ipAllowed(list, "garbage")).toBe(false);
    expect(ipAllowed(["0.0.0.0/0"], "8.8.8.8")).toBe(true);
  });

  it("refuses malformed entries and more than 100", () => {
    for (const bad of ["10.0.0.0/33", "256.1.1.1", "1.2.3", "2001:db8::/129", "::1::2", "10.0.0.0/8/1", ""]) {
      expect(() => validateIpAccessList([bad]), bad).toThrow(LakewardError);
    }
    expect(() => validateIpAccessList(Array(101).fill("10.0.0.1"))).toThrow(/at most 100/);
    expect(validateIpAccessList([" 10.0.0.0/8 ", "::ffff:1.2.3.4"])).toEqual(["10.0.0.0/8", "::ffff:1.2.3.4"]);
  });
});

describe("share partition filters", () => {
  const types = new Map([["country", "string"], ["year", "integer"], ["flag", "boolean"]]);

  it("ORs specs, ANDs their values, compares by type, and resolves CURRENT_RECIPIENT per recipient", () => {
    const specs = validatePartitions(
      [{ values: [{ name: "Country", op: "EQUAL", recipient_property_key: "country" }, { name: "year", op: "EQUAL", value: "2024" }] }, { values: [{ name: "country", op: "LIKE", value: "X_%" }] }],
      ["country", "year", "flag"],
    );
    const de = compilePartitionFilter(specs, { country: "DE" }, types)!;
    expect(de({ country: "DE", year: "2024" })).toBe(true);
    expect(de({ country: "DE", year: "2024.0" })).toBe(true);
    expect(de({ country: "DE", year: "2023" })).toBe(false);
    expect(de({ country: "FR", year: "2024" })).toBe(false);
    expect(de({ country: "XY", year: "1999" })).toBe(true);
    expect(de({ country: "X", year: "1999" })).toBe(false);
    expect(de({ country: null, year: "2024" })).toBe(false);
  });

  it("fails closed: a missing property or a dropped partition column matches nothing", () => {
    const specs = [{ values: [{ name: "country", op: "EQUAL" as const, recipient_property_key: "country" }] }];
    expect(compilePartitionFilter(specs, {}, types)!({ country: "DE" })).toBe(false);
    expect(compilePartitionFilter([{ values: [{ name: "gone", op: "EQUAL" as const, value: "1" }] }], {}, types)!({ country: "DE" })).toBe(false);
    expect(compilePartitionFilter([], {}, types)).toBeUndefined();
    const nulls = compilePartitionFilter([{ values: [{ name: "country", op: "EQUAL" as const, value: null }] }], {}, types)!;
    expect(nulls({ country: null })).toBe(true);
    expect(nulls({ country: "DE" })).toBe(false);
  });
});
