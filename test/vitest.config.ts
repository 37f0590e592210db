import { defineConfig } from "vitest/config";

// One suite, two databases: PGlite by default, the PostgreSQL server when
// LAKEWARD_TEST_DATABASE_URL is set (see test/support/db.ts).
export default defineConfig({
  test: {
    root: new URL("..", import.meta.url).pathname,
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
