import { and, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, recipientTokens, securables, tableDetails } from "../../../schema/index";
import { startTestApp, type TestApp } from "../../support/app";
import { uc } from "../../support/client";
import { grantDirect } from "../../support/grants";
import { SharingClient } from "../../support/sharing-client";
import { activatedRecipient, shareWith, sharingWorld, type SharingWorld } from "../../support/sharing-world";

let t: TestApp;
let world: SharingWorld;
let acme: Awaited<ReturnType<typeof activatedRecipient>>;
let other: SharingClient;
let offset = 0;
const clock = { now: () => Date.now() + offset };
const Q = "/shares/s/schemas/x/tables/basic";

beforeAll(async () => {
  t = await startTestApp({ clock, env: { LAKEWARD_SHARING_TOKEN_LIFETIME_SECONDS: "86400", LAKEWARD_SHARING_TRUST_FORWARDED_FOR: "true" } });
  world = await sharingWorld(t, ["basic", "multi"]);
  acme = await activatedRecipient(t, "acme");
  other = (await activatedRecipient(t, "other")).client;
  await shareWith(t, "s", [{ name: "lake.delta.basic", shared_as: "x.basic" }, { name: "lake.delta.multi", shared_as: "x.multi" }], ["acme"]);
  await shareWith(t, "theirs", [{ name: "lake.delta.basic" }], ["other"]);
});
afterAll(async () => {
  await t.close();
  await world.cleanup();
});

async function lastAudit(action: string) {
  const [row] = await t.services.db.select().from(auditLog).where(eq(auditLog.actionName, action)).orderBy(desc(auditLog.seq)).limit(1);
  return row!;
}
const local = (url: string) => url.replace(/^https?:\/\/[^/]+/, "");

describe("recipient authentication", () => {
  it("refuses a missing, wrong or foreign token with 401 UNAUTHENTICATED, audited", async () => {
    for (const token of [undefined, "garbage", "lkwds_" + "A".repeat(43), (await t.user("pat@example.com")).token]) {
      const res = await new SharingClient(t.app, token).get("/shares");
      expect(res.status).toBe(401);
      expect(res.json).toEqual({ errorCode: "UNAUTHENTICATED", message: expect.any(String) });
      const audit = await lastAudit("deltaSharingListShares");
      expect(audit).toMatchObject({ outcome: "denied", statusCode: 401, serviceName: "deltaSharing", principalName: null });
    }
  });

  it("keeps recipients out of the catalog API and principals out of the protocol", async () => {
    expect((await t.client(acme.client.token).get(uc("/catalogs"))).status).toBe(401);
  });

  it("never stores or audits the token or the activation code", async () => {
    const rows = await t.services.db.select().from(recipientTokens);
    expect(JSON.stringify(rows)).not.toContain(acme.client.token!);
    const code = String(acme.info.activation_url).split("/").pop()!;
    const log = JSON.stringify(await t.services.db.select().from(auditLog));
    expect(log).not.toContain(acme.client.token!);
    expect(log).not.toContain(code);
    expect((await t.client().get(`/api/2.1/unity-catalog/public/data_sharing_activation/${code}`)).status).toBe(404);
  });

  it("refuses an expired token", async () => {
    const short = await activatedRecipient(t, "short", { expiration_time: clock.now() + 60_000 });
    await shareWith(t, "for_short", [{ name: "lake.delta.basic" }], ["short"]);
    expect((await short.client.get("/shares")).status).toBe(200);
    offset += 61_000;
    const res = await short.client.get("/shares");
    expect(res.status).toBe(401);
    expect(res.json).toEqual({ errorCode: "UNAUTHENTICATED", message: expect.any(String) });
    expect(await lastAudit("deltaSharingListShares")).toMatchObject({ outcome: "denied", statusCode: 401, errorCode: "UNAUTHENTICATED", serviceName: "deltaSharing" });
    // Every endpoint refuses it, and the refusal is audited under the endpoint's own action.
    const query = await short.client.query("/shares/for_short/schemas/delta/tables/basic", {});
    expect(query.status).toBe(401);
    expect(query.json).toEqual({ errorCode: "UNAUTHENTICATED", message: expect.any(String) });
    expect(await lastAudit("deltaSharingQueryTable")).toMatchObject({ outcome: "denied", statusCode: 401, errorCode: "UNAUTHENTICATED", securableFullName: "for_short.delta.basic" });
  });

  it("keeps a rotated-out token for its grace period only; the new link works", async () => {
    const r = await activatedRecipient(t, "rotating");
    await shareWith(t, "for_rotating", [{ name: "lake.delta.basic" }], ["rotating"]);
    const rotated = await t.admin.post(uc("/recipients/rotating/rotate-token"), { existing_token_expire_in_seconds: 300 });
    expect(rotated.status).toBe(200);
    expect((await r.client.get("/shares")).status).toBe(200);
    const code = String(rotated.body.activation_url).split("/").pop()!;
    const fresh = new SharingClient(t.app, (await t.client().get(`/api/2.1/unity-catalog/public/data_sharing_activation/${code}`)).body.bearerToken);
    offset += 301_000;
    const old = await r.client.get("/shares/for_rotating/all-tables");
    expect(old.status).toBe(401);
    expect(old.json).toEqual({ errorCode: "UNAUTHENTICATED", message: expect.any(String) });
    expect(await lastAudit("deltaSharingListAllTables")).toMatchObject({ outcome: "denied", statusCode: 401, errorCode: "UNAUTHENTICATED", securableFullName: "for_rotating" });
    expect((await r.client.get("/shares")).status).toBe(401);
    expect((await fresh.get("/shares")).json.items.map((s: any) => s.name)).toEqual(["for_rotating"]);
    await t.admin.post(uc("/recipients/rotating/rotate-token"), { existing_token_expire_in_seconds: 0 });
    expect((await fresh.get("/shares")).status).toBe(401);
  });

  it("applies the recipient's IP access list to every call, activation included", async () => {
    const r = await activatedRecipient(t, "office", { ip_access_list: { allowed_ip_addresses: ["10.0.0.0/8", "2001:db8::/32"] } }).catch((e) => e);
    // The activation download came from no address on the list: refused, and the link is still unused.
    expect(String(r)).toContain("activation office");
    const created = await t.admin.get(uc("/recipients/office"));
    expect(created.body.activated).toBe(false);
    const link = (await t.admin.post(uc("/recipients/office/rotate-token"), { existing_token_expire_in_seconds: 0 })).body.activation_url as string;
    const profile = await t.app.request(local(link).replace("data_sharing_activation_info", "data_sharing_activation"), { headers: { "x-forwarded-for": "10.1.2.3" } });
    const token = ((await profile.json()) as any).bearerToken as string;
    await shareWith(t, "for_office", [{ name: "lake.delta.basic" }], ["office"]);
    const from = (ip: string) => t.app.request("/delta-sharing/shares", { headers: { authorization: `Bearer ${token}`, "x-forwarded-for": ip } });
    expect((await from("10.200.0.1")).status).toBe(200);
    expect((await from("::ffff:10.9.9.9")).status).toBe(200);
    expect((await from("2001:db8::1")).status).toBe(200);
    const outside = await from("192.168.1.1");
    expect(outside.status).toBe(403);
    expect(((await outside.json()) as any).errorCode).toBe("PERMISSION_DENIED");
    expect((await lastAudit("deltaSharingListShares")).outcome).toBe("denied");
  });
});

describe("share access", () => {
  it("gives a recipient that was never granted anything an empty list and 404s, each refusal audited as hidden", async () => {
    const lonely = (await activatedRecipient(t, "lonely")).client;
    const list = await lonely.get("/shares");
    expect(list.status).toBe(200);
    expect(list.json).toEqual({ items: [] });
    expect(await lastAudit("deltaSharingListShares")).toMatchObject({ outcome: "success", principalName: "lonely", details: expect.objectContaining({ count: 0 }) });
    const share = await lonely.get("/shares/s");
    expect(share.status).toBe(404);
    expect(share.json).toEqual({ errorCode: "RESOURCE_DOES_NOT_EXIST", message: "Share 's' does not exist." });
    expect(await lastAudit("deltaSharingGetShare")).toMatchObject({ outcome: "denied", statusCode: 404, errorCode: "RESOURCE_DOES_NOT_EXIST", principalName: "lonely", details: expect.objectContaining({ share: "s", hidden: true }) });
    const cases: [string, () => ReturnType<SharingClient["get"]>][] = [
      ["deltaSharingListSchemas", () => lonely.get("/shares/s/schemas")],
      ["deltaSharingListAllTables", () => lonely.get("/shares/s/all-tables")],
      ["deltaSharingGetTableVersion", () => lonely.get(`${Q}/version`)],
      ["deltaSharingGetTableMetadata", () => lonely.get(`${Q}/metadata`)],
      ["deltaSharingQueryTable", () => lonely.query(Q, {})],
      ["deltaSharingQueryTableChanges", () => lonely.get(`${Q}/changes?startingVersion=0`)],
    ];
    for (const [action, call] of cases) {
      const res = await call();
      expect(res.status, action).toBe(404);
      expect(res.json, action).toEqual({ errorCode: "RESOURCE_DOES_NOT_EXIST", message: "Share 's' does not exist." });
      expect(await lastAudit(action), action).toMatchObject({ outcome: "denied", statusCode: 404, principalName: "lonely", details: expect.objectContaining({ recipient: "lonely", share: "s", hidden: true }) });
    }
    // The same calls by the granted recipient succeed.
    expect((await acme.client.get(`${Q}/version`)).status).toBe(200);
  });

  it("hides another recipient's share: 404 like a missing one, audited as a hidden denial", async () => {
    const res = await acme.client.get("/shares/theirs");
    expect(res.status).toBe(404);
    expect(res.json.errorCode).toBe("RESOURCE_DOES_NOT_EXIST");
    expect(res.json.message).toBe("Share 'theirs' does not exist.");
    expect((await acme.client.get("/shares/missing")).json).toEqual({ errorCode: "RESOURCE_DOES_NOT_EXIST", message: "Share 'missing' does not exist." });
    const audit = await t.services.db.select().from(auditLog).where(and(eq(auditLog.actionName, "deltaSharingGetShare"), eq(auditLog.principalName, "acme"))).orderBy(desc(auditLog.seq));
    expect(audit.find((a) => (a.details as any).share === "theirs")).toMatchObject({ outcome: "denied", statusCode: 404, details: expect.objectContaining({ hidden: true }) });
    expect((await acme.client.query("/shares/theirs/schemas/delta/tables/basic", {})).status).toBe(404);
    expect((await other.get("/shares")).json.items.map((s: any) => s.name)).toEqual(["theirs"]);
  });

  it("cuts access on the next request after a revoke, signed file URLs included", async () => {
    const r = await activatedRecipient(t, "revoked");
    await shareWith(t, "for_revoked", [{ name: "lake.delta.basic" }], ["revoked"]);
    const q = await r.client.query("/shares/for_revoked/schemas/delta/tables/basic", {});
    const url = local(q.lines[2].file.url);
    expect((await t.app.request(url)).status).toBe(200);
    await t.admin.patch(uc("/shares/for_revoked/permissions"), { changes: [{ principal: "revoked", remove: ["SELECT"] }] });
    expect((await r.client.query("/shares/for_revoked/schemas/delta/tables/basic", {})).status).toBe(404);
    const file = await t.app.request(url);
    expect(file.status).toBe(403);
    expect(((await file.json()) as any).errorCode).toBe("PERMISSION_DENIED");
    expect(await lastAudit("deltaSharingDownloadFile")).toMatchObject({ outcome: "denied", statusCode: 403 });
  });

  it("stops serving a table that got a row filter after it was shared", async () => {
    const [row] = await t.services.db.select({ id: securables.id }).from(securables).where(eq(securables.fullName, "lake.delta.multi"));
    await t.services.db.update(tableDetails).set({ rowFilter: { function_name: "lake.delta.f", input_column_names: ["letter"] } }).where(eq(tableDetails.securableId, row!.id));
    const res = await acme.client.query("/shares/s/schemas/x/tables/multi", {});
    expect(res.status).toBe(403);
    expect(res.json.message).toContain("row-level or column-level");
    await t.services.db.update(tableDetails).set({ rowFilter: null }).where(eq(tableDetails.securableId, row!.id));
  });

  it("stops serving a table whose share owner lost SELECT on it", async () => {
    const bob = await t.user("bob@example.com");
    await grantDirect(t.services, "metastore", "metastore", bob.principalId, "CREATE SHARE");
    await grantDirect(t.services, "catalog", "lake", bob.principalId, "USE CATALOG");
    await grantDirect(t.services, "schema", "lake.delta", bob.principalId, "USE SCHEMA");
    await grantDirect(t.services, "table", "lake.delta.multi", bob.principalId, "SELECT");
    expect((await bob.post(uc("/shares"), { name: "bobs" })).status).toBe(200);
    expect((await bob.patch(uc("/shares/bobs"), { updates: [{ action: "ADD", data_object: { name: "lake.delta.multi" } }] })).status).toBe(200);
    await t.admin.patch(uc("/shares/bobs/permissions"), { changes: [{ principal: "acme", add: ["SELECT"] }] });
    expect((await acme.client.query("/shares/bobs/schemas/delta/tables/multi", {})).status).toBe(200);
    await t.admin.patch(uc("/permissions/table/lake.delta.multi"), { changes: [{ principal: "bob@example.com", remove: ["SELECT"] }] });
    const res = await acme.client.query("/shares/bobs/schemas/delta/tables/multi", {});
    expect(res.status).toBe(403);
    expect(res.json.message).toContain("no longer holds SELECT");
  });
});

describe("signed file URLs", () => {
  async function aUrl(): Promise<string> {
    const q = await acme.client.query(Q, {});
    return local(q.lines[2].file.url);
  }

  it("refuses tampering with the token or the path, and traversal", async () => {
    const url = await aUrl();
    const [prefix, path] = url.split("/f/") as [string, string];
    const token = prefix.split("/files/")[1]!;
    const [body, mac] = token.split(".") as [string, string];
    const flipped = mac[0] === "A" ? "B" + mac.slice(1) : "A" + mac.slice(1);
    const forgedBody = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(body, "base64url").toString()), expiresAt: Date.now() + 1e12 })).toString("base64url");
    for (const bad of [`/delta-sharing/files/${body}.${flipped}/f/${path}`, `/delta-sharing/files/${forgedBody}.${mac}/f/${path}`]) {
      const res = await t.app.request(bad);
      expect(res.status).toBe(403);
      expect(((await res.json()) as any).errorCode).toBe("PERMISSION_DENIED");
    }
    for (const climb of ["..%2F..%2F..%2Fetc%2Fpasswd", "%2E%2E%5Cboot.ini", "_delta_log/00000000000000000000.json"]) {
      const res = await t.app.request(`${prefix}/f/${climb}`);
      expect([400, 404]).toContain(res.status);
      expect(((await res.json()) as any).errorCode).toMatch(/INVALID_PARAMETER_VALUE|RESOURCE_DOES_NOT_EXIST/);
    }
    const audits = await t.services.db.select().from(auditLog).where(eq(auditLog.actionName, "deltaSharingDownloadFile"));
    expect(audits.filter((a) => a.outcome !== "success").length).toBeGreaterThanOrEqual(5);
  });

  it("refuses an expired URL", async () => {
    const url = await aUrl();
    expect((await t.app.request(url)).status).toBe(200);
    offset += 3_601_000;
    const res = await t.app.request(url);
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ errorCode: "PERMISSION_DENIED", message: expect.stringContaining("expired") });
    expect(await lastAudit("deltaSharingDownloadFile")).toMatchObject({
      serviceName: "deltaSharing", outcome: "denied", statusCode: 403, errorCode: "PERMISSION_DENIED",
      errorMessage: expect.stringContaining("expired"), details: expect.objectContaining({ kind: "f" }),
    });
    expect(JSON.stringify(await lastAudit("deltaSharingDownloadFile"))).not.toContain(url.split("/f/")[0]!.split("/files/")[1]!);
    // A fresh query hands out URLs that work again.
    expect((await t.app.request(await aUrl())).status).toBe(200);
  });
});
