import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../support/app";

let t: TestApp;
beforeAll(async () => (t = await startTestApp({ env: { LAKEWARD_PAT_MAX_LIFETIME_SECONDS: "86400" } })));
afterAll(() => t.close());

describe("token API errors use Databricks' {error_code, message}", () => {
  it("answers RESOURCE_DOES_NOT_EXIST (404) for an unknown or malformed token id", async () => {
    for (const token_id of [crypto.randomUUID(), "not-a-uuid"]) {
      const res = await t.admin.post("/api/2.0/token/delete", { token_id });
      expect(res.status).toBe(404);
      expect(res.body).toEqual({ error_code: "RESOURCE_DOES_NOT_EXIST", message: `Token ${token_id} does not exist.` });
    }
  });

  it("answers INVALID_PARAMETER_VALUE (400) for bad input", async () => {
    const wrongType = await t.admin.post("/api/2.0/token/create", { lifetime_seconds: "soon" });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.error_code).toBe("INVALID_PARAMETER_VALUE");
    expect(wrongType.body.message).toContain("lifetime_seconds");
    const missing = await t.admin.post("/api/2.0/token/delete", {});
    expect(missing.body).toMatchObject({ error_code: "INVALID_PARAMETER_VALUE", message: "Invalid token_id: is required." });
    const malformed = await t.admin.call("POST", "/api/2.0/token/create", "{not json");
    expect(malformed.status).toBe(400);
    expect(malformed.body.error_code).toBe("INVALID_PARAMETER_VALUE");
  });

  it("enforces the configured maximum lifetime and applies it when none is asked", async () => {
    const tooLong = await t.admin.post("/api/2.0/token/create", { lifetime_seconds: 86401 });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body).toEqual({ error_code: "INVALID_PARAMETER_VALUE", message: "lifetime_seconds may be at most 86400." });
    const defaulted = await t.admin.post("/api/2.0/token/create", { comment: "x" });
    expect(defaulted.body.token_info.expiry_time - defaulted.body.token_info.creation_time).toBe(86400_000);
  });
});
