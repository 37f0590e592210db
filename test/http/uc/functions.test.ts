import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../support/app";
import { uc } from "../../support/client";
import { grantDirect } from "../../support/grants";
import { sqlFunction } from "../../support/fixtures";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  await t.admin.post(uc("/catalogs"), { name: "main" });
  await t.admin.post(uc("/schemas"), { name: "fx", catalog_name: "main" });
});
afterAll(() => t.close());

describe("functions: round trip", () => {
  it("creates, gets, lists and deletes a SQL function with FunctionInfo's fields", async () => {
    const created = await t.admin.post(uc("/functions"), sqlFunction("main", "fx", "Plus_One"));
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      name: "plus_one",
      full_name: "main.fx.plus_one",
      data_type: "INT",
      routine_body: "SQL",
      routine_definition: "x + 1",
      is_deterministic: true,
      owner: "admin",
    });
    expect(created.body.input_params.parameters[0]).toMatchObject({ name: "x", type_name: "INT", position: 0 });
    expect((await t.admin.get(uc("/functions/main.fx.plus_one"))).body).toEqual(created.body);
    expect((await t.admin.get(uc("/functions?catalog_name=main&schema_name=fx"))).body.functions).toHaveLength(1);
    expect((await t.admin.delete(uc("/functions/main.fx.plus_one"))).status).toBe(200);
    expect((await t.admin.get(uc("/functions/main.fx.plus_one"))).body.error_code).toBe("NOT_FOUND");
  });
});

describe("functions: errors", () => {
  it("validates the function_info body", async () => {
    const body = sqlFunction("main", "fx", "bad");
    const noBody = await t.admin.post(uc("/functions"), { ...body, function_info: { ...body.function_info, routine_body: "PYTHON" } });
    expect(noBody.body.details[0].metadata.field).toBe("function_info.routine_body");
    const props = await t.admin.post(uc("/functions"), { function_info: { ...body.function_info, properties: "not json" } });
    expect(props.body.details[0].metadata.field).toBe("function_info.properties");
    const params = await t.admin.post(uc("/functions"), {
      function_info: { ...body.function_info, input_params: { parameters: [body.function_info.input_params.parameters[0], body.function_info.input_params.parameters[0]] } },
    });
    expect(params.status).toBe(400);
    await t.admin.post(uc("/functions"), sqlFunction("main", "fx", "twice"));
    expect((await t.admin.post(uc("/functions"), sqlFunction("main", "fx", "twice"))).body.error_code).toBe("RESOURCE_ALREADY_EXISTS");
  });
});

describe("functions: security", () => {
  it("needs CREATE FUNCTION to create and EXECUTE to see", async () => {
    const bob = await t.user("bob@example.com");
    await grantDirect(t.services, "catalog", "main", bob.principalId, "USE CATALOG");
    await grantDirect(t.services, "schema", "main.fx", bob.principalId, "USE SCHEMA");
    expect((await bob.post(uc("/functions"), sqlFunction("main", "fx", "bobf"))).status).toBe(403);
    await t.admin.post(uc("/functions"), sqlFunction("main", "fx", "shared"));
    expect((await bob.get(uc("/functions/main.fx.shared"))).status).toBe(404);
    await grantDirect(t.services, "function", "main.fx.shared", bob.principalId, "EXECUTE");
    expect((await bob.get(uc("/functions/main.fx.shared"))).status).toBe(200);
  });
});
