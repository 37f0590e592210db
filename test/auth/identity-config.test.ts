import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config";

const issuers = (list: unknown) => ({ LAKEWARD_OIDC_ISSUERS: JSON.stringify(list) });

describe("identity config", () => {
  it("is safe by default: no issuers, no JIT, no group sync", () => {
    const { identity } = parseConfig({});
    expect(identity).toMatchObject({ issuers: [], jitUsers: false, syncGroups: false, allowInsecureHttp: false, clockSkewSeconds: 30, tokenIssuer: "lakeward", patMaxLifetimeSeconds: null });
  });

  it("parses the issuer allow-list and switches from the environment", () => {
    const { identity } = parseConfig({
      ...issuers([{ issuer: "https://idp.example.com", audiences: ["lakeward", "api://lw"] }, { issuer: "https://b.example", audience: "x" }]),
      LAKEWARD_OIDC_JIT_USERS: "true",
      LAKEWARD_OIDC_SYNC_GROUPS: "1",
      LAKEWARD_OIDC_GROUPS_CLAIM: "roles",
      LAKEWARD_ACCESS_TOKEN_TTL_SECONDS: "900",
      LAKEWARD_PUBLIC_URL: "https://lakeward.example.com",
    });
    expect(identity.issuers).toEqual([{ issuer: "https://idp.example.com", audiences: ["lakeward", "api://lw"] }, { issuer: "https://b.example", audiences: ["x"] }]);
    expect(identity).toMatchObject({ jitUsers: true, syncGroups: true, groupsClaim: "roles", accessTokenTtlSeconds: 900, tokenIssuer: "https://lakeward.example.com" });
  });

  it("refuses an issuer without an audience, a non-https issuer and more than 60 s of skew", () => {
    expect(() => parseConfig(issuers([{ issuer: "https://idp.example.com" }]))).toThrow(/audiences/);
    expect(() => parseConfig(issuers([{ issuer: "http://idp.example.com", audiences: ["a"] }]))).toThrow(/not https/);
    expect(parseConfig({ ...issuers([{ issuer: "http://127.0.0.1:1", audiences: ["a"] }]), LAKEWARD_OIDC_ALLOW_INSECURE_HTTP: "true" }).identity.issuers).toHaveLength(1);
    expect(() => parseConfig({ LAKEWARD_OIDC_CLOCK_SKEW_SECONDS: "61" })).toThrow(/LAKEWARD_OIDC_CLOCK_SKEW_SECONDS/);
    expect(() => parseConfig({ LAKEWARD_OIDC_ISSUERS: "not json" })).toThrow(/not JSON/);
    expect(() => parseConfig({ LAKEWARD_OIDC_JIT_USERS: "yes" })).toThrow(/LAKEWARD_OIDC_JIT_USERS/);
  });
});
