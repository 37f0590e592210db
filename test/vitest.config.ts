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
    // Every worker that loads the AWS SDK would print its notice that releases after January
    // 2027 need Node 22 (we run on 20); once is in the README, not in every test file's output.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
    hookTimeout: 60_000,
  },
});
