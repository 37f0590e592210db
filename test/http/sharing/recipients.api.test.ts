import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, recipientTokens } from "../../../schema/index";
import { startTestApp, type TestApp } from "../../support/app";
import { uc } from "../../support/client";
import { grantDirect } from "../../support/grants";

let t: TestApp;
const pub = (path: string) => `/api/2.1/unity-catalog/public${path}`;
const codeOf = (url: string) => url.split("/").pop()!;

beforeAll(async () => {
  t = await startTestApp({ env: { LAKEWARD_PUBLIC_URL: "https://lake.example.com", LAKEWARD_SHARING_TOKEN_LIFETIME_SECONDS: "3600" } });
});
afterAll(() => t.close());

describe("recipients API: round trip", () => {
  it("creates an open-sharing recipient with a one-time activation link and a profile for the public URL", async () => {
    const created = await t.admin.post(uc("/recipients"), { name: "Acme", comment: "partner", properties_kvpairs: { properties: { country: "DE" } }, ip_access_list: { allowed_ip_addresses: ["10.0.0.0/8"] } });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      name: "acme", authentication_type: "TOKEN", activated: false, owner: "admin", comment: "partner",
      properties_kvpairs: { properties: { country: "DE" } }, ip_access_list: { allowed_ip_addresses: ["10.0.0.0/8"] },
    });
    expect(created.body.activation_url).toMatch(/^https:\/\/lake\.example\.com\/api\/2\.1\/unity-catalog\/public\/data_sharing_activation_info\/[\w-]{43}$/);
    expect(created.body.tokens).toEqual([expect.objectContaining({ activation_url: created.body.activation_url, expiration_time: expect.any(Number) })]);
    expect(created.body.tokens[0].expiration_time - created.body.created_at).toBe(3_600_000);
    const info = await t.client().get(pub(`/data_sharing_activation_info/${codeOf(created.body.activation_url)}`));
    expect(info.status).toBe(200);
    expect(info.body).toMatchObject({ recipient_name: "acme", activated: false, download_url: expect.stringContaining("/data_sharing_activation/") });
    expect(info.headers.get("cache-control")).toBe("no-store");
    // Describing the link does not use it; the IP list guards the download.
    const refused = await t.client().get(pub(`/data_sharing_activation/${codeOf(created.body.activation_url)}`));
    expect(refused.status).toBe(403);
    expect((await t.admin.get(uc("/recipients/acme"))).body).not.toHaveProperty("activation_url");
  });

  it("hands out the profile once", async () => {
    const created = await t.admin.post(uc("/recipients"), { name: "beta" });
    const code = codeOf(created.body.activation_url);
    const profile = await t.client().get(pub(`/data_sharing_activation/${code}`));
    expect(profile.status).toBe(200);
    expect(profile.body).toEqual({ shareCredentialsVersion: 1, endpoint: "https://lake.example.com/delta-sharing", bearerToken: expect.stringMatching(/^lkwds_/), expirationTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00$/) });
    expect((await t.client().get(pub(`/data_sharing_activation/${code}`))).status).toBe(404);
    expect((await t.client().get(pub(`/data_sharing_activation_info/${code}`))).status).toBe(404);
    expect((await t.admin.get(uc("/recipients/beta"))).body.activated).toBe(true);
    const stored = await t.services.db.select().from(recipientTokens);
    expect(JSON.stringify(stored)).not.toContain(profile.body.bearerToken);
    const actions = (await t.services.db.select().from(auditLog)).map((a) => a.actionName);
    expect(actions).toEqual(expect.arrayContaining(["createRecipient", "getActivationUrlInfo", "retrieveRecipientToken"]));
  });

  it("lists, updates (properties replace, IP list, rename), rotates and deletes", async () => {
    expect((await t.admin.get(uc("/recipients"))).body.recipients.map((r: any) => r.name)).toEqual(["acme", "beta"]);
    const updated = await t.admin.patch(uc("/recipients/acme"), { properties_kvpairs: { properties: { tier: "gold" } }, ip_access_list: null, new_name: "acme2", comment: "renamed" });
    expect(updated.body).toMatchObject({ name: "acme2", comment: "renamed", properties_kvpairs: { properties: { tier: "gold" } } });
    expect(updated.body).not.toHaveProperty("ip_access_list");
    const rotated = await t.admin.post(uc("/recipients/beta/rotate-token"), { existing_token_expire_in_seconds: 60 });
    expect(rotated.status).toBe(200);
    expect(rotated.body.tokens).toHaveLength(2);
    expect(rotated.body.tokens[0].expiration_time).toBeLessThanOrEqual(Date.now() + 61_000);
    expect(rotated.body.activation_url).toBe(rotated.body.tokens[1].activation_url);
    expect((await t.admin.delete(uc("/recipients/acme2"))).status).toBe(200);
    expect((await t.admin.get(uc("/recipients/acme2"))).body.error_code).toBe("NOT_FOUND");
  });
});

describe("recipients API: errors", () => {
  it("validates input", async () => {
    expect((await t.admin.post(uc("/recipients"), { name: "bad", ip_access_list: { allowed_ip_addresses: ["10.0.0.0/33"] } })).status).toBe(400);
    expect((await t.admin.post(uc("/recipients"), { name: "bad", ip_access_list: { allowed_ip_addresses: ["not an ip"] } })).status).toBe(400);
    expect((await t.admin.post(uc("/recipients"), { name: "bad", authentication_type: "DATABRICKS" })).status).toBe(400);
    expect((await t.admin.post(uc("/recipients"), { name: "bad", expiration_time: 1 })).status).toBe(400);
    expect((await t.admin.post(uc("/recipients"), { name: "beta" })).body.error_code).toBe("RESOURCE_ALREADY_EXISTS");
    expect((await t.admin.post(uc("/recipients/beta/rotate-token"), { existing_token_expire_in_seconds: -1 })).status).toBe(400);
    expect((await t.client().get(pub("/data_sharing_activation/nope"))).status).toBe(404);
    const d2d = await t.admin.post(uc("/recipients"), { name: "d2d", data_recipient_global_metastore_id: "aws:us-west-2:abc" });
    expect(d2d.body).toMatchObject({ authentication_type: "DATABRICKS", data_recipient_global_metastore_id: "aws:us-west-2:abc", tokens: [] });
    expect(d2d.body).not.toHaveProperty("activation_url");
    expect((await t.admin.post(uc("/recipients/d2d/rotate-token"), { existing_token_expire_in_seconds: 0 })).status).toBe(400);
  });
});

describe("recipients API: security", () => {
  it("needs CREATE RECIPIENT to create and the manage right to change, and hides others' recipients", async () => {
    const dan = await t.user("dan@example.com");
    expect((await dan.post(uc("/recipients"), { name: "dans" })).status).toBe(403);
    await grantDirect(t.services, "metastore", "metastore", dan.principalId, "CREATE RECIPIENT");
    expect((await dan.post(uc("/recipients"), { name: "dans" })).status).toBe(200);
    expect((await dan.get(uc("/recipients"))).body.recipients.map((r: any) => r.name)).toEqual(["dans"]);
    expect((await dan.get(uc("/recipients/beta"))).status).toBe(404);
    expect((await dan.post(uc("/recipients/beta/rotate-token"), { existing_token_expire_in_seconds: 0 })).status).toBe(404);
    await grantDirect(t.services, "metastore", "metastore", dan.principalId, "USE RECIPIENT");
    expect((await dan.get(uc("/recipients/beta"))).status).toBe(200);
    expect((await dan.post(uc("/recipients/beta/rotate-token"), { existing_token_expire_in_seconds: 0 })).status).toBe(403);
    expect((await t.client().get(uc("/recipients"))).status).toBe(401);
  });
});
