import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { renderMigrationBundle } from "../../schema/bundle-migrations";

describe("migrations", () => {
  it("the bundled migrations match schema/migrations (run `npm run db:generate`)", () => {
    const committed = readFileSync(new URL("../../schema/migrations.gen.ts", import.meta.url), "utf8");
    expect(committed).toBe(renderMigrationBundle());
  });
});
