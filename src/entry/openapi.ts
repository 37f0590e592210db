/** Writes openapi/openapi.json and openapi/COVERAGE.md from the route definitions. */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { renderCoverage, renderOpenApiJson } from "../node/openapi-files";

const out = (p: string) => fileURLToPath(new URL(`../../openapi/${p}`, import.meta.url));
const json = renderOpenApiJson();
writeFileSync(out("openapi.json"), json);
const coverage = renderCoverage(json, fileURLToPath(new URL("../../../shared/reference/unitycatalog-oss", import.meta.url)));
if (coverage) writeFileSync(out("COVERAGE.md"), coverage);
else process.stderr.write("../shared/reference is absent: COVERAGE.md not regenerated\n");
