import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createScimUser, postForm, startOidcApp } from "../../auth/helpers";

let env: Awaited<ReturnType<typeof startOidcApp>>;
let subject: string;
beforeAll(async () => {
  env = await startOidcApp();
  await createScimUser(env.t, "ann@example.com");
  subject = await env.idp.sign({ sub: "a", email: "ann@example.com" });
});
afterAll(() => env.close());

const PATH = "/api/1.0/unity-control/auth/tokens";
const valid = () => ({
  grant_type: "urn:ietf:params:oauth:grant-type:token-exchange",
  subject_token: subject,
  subject_token_type: "urn:ietf:params:oauth:token-type:id_token",
});

describe("token exchange: request errors (RFC 8693 §2.2.2)", () => {
  it("refuses another grant type with unsupported_grant_type", async () => {
    const res = await postForm(env.t.client(), PATH, { ...valid(), grant_type: "client_credentials" });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe("unsupported_grant_type");
  });

  it("refuses unsupported token types and actor tokens with invalid_request", async () => {
    for (const change of <Record<string, string>[]>[
      { subject_token_type: "urn:ietf:params:oauth:token-type:saml2" },
      { requested_token_type: "urn:ietf:params:oauth:token-type:id_token" },
      { actor_token: subject, actor_token_type: "urn:ietf:params:oauth:token-type:id_token" },
    ]) {
      const res = await postForm(env.t.client(), PATH, { ...valid(), ...change });
      expect(res.status).toBe(400);
      expect(res.body.error).toBe("invalid_request");
    }
  });

  it("names a missing field", async () => {
    const { subject_token: _, ...rest } = valid();
    const res = await postForm(env.t.client(), PATH, rest);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: "invalid_request", error_description: "Invalid subject_token: is required." });
  });

  it("wants a form, not JSON", async () => {
    const res = await env.t.client().post(PATH, valid());
    expect(res.status).toBe(400);
    expect(res.body.error).toBe("invalid_request");
  });
});
