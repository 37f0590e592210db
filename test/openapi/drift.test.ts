import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { renderCoverage, renderOpenApiJson } from "../../src/node/openapi-files";

const file = (p: string) => fileURLToPath(new URL(`../../openapi/${p}`, import.meta.url));
const reference = fileURLToPath(new URL("../../../shared/reference/unitycatalog-oss", import.meta.url));

describe("OpenAPI spec", () => {
  it("openapi/openapi.json matches the routes (run `npm run openapi`)", () => {
    expect(readFileSync(file("openapi.json"), "utf8")).toBe(renderOpenApiJson());
  });

  it.skipIf(!existsSync(reference))("openapi/COVERAGE.md matches the spec and Unity Catalog's operations", () => {
    expect(readFileSync(file("COVERAGE.md"), "utf8")).toBe(renderCoverage(renderOpenApiJson(), reference));
  });

  it("documents a success response for every route it serves", () => {
    const doc = JSON.parse(renderOpenApiJson());
    const paths = Object.keys(doc.paths);
    expect(paths).toContain("/api/2.1/unity-catalog/tables/{full_name}");
    for (const [p, methods] of Object.entries<Record<string, any>>(doc.paths)) {
      // SCIM deletes answer 204 (RFC 7644 §3.6); everything else 200.
      for (const [m, op] of Object.entries(methods)) expect(Object.keys(op.responses ?? {}).some((s) => /^2\d\d$/.test(s)), `${m} ${p}`).toBe(true);
    }
  });
});
