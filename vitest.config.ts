import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));

/**
 * Tests of real worker and dashboard processes with short leases and timeouts (killed, restarted, several at once).
 * They run after the others, one file at a time, so that the rest of the suite does not starve them of CPU.
 */
const processTests = [
  "lib/jobs/worker-crash.test.ts",
  "lib/jobs/rotation-jobs.test.ts",
  "lib/jobs/two-workers.test.ts",
  "lib/jobs/queues-concurrent.test.ts",
  "lib/cli/provisioning-commands.kill.test.ts",
  "test/multi-process.test.ts",
  "test/production-start.test.ts",
];
const excluded = ["node_modules/**", "e2e/**", ".next/**", ".data*/**"];

export default defineConfig({
  resolve: {
    alias: {
      "@/": root,
      "server-only": fileURLToPath(new URL("./test/support/server-only-stub.ts", import.meta.url)),
    },
  },
  test: {
    environment: "node",
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    globalSetup: ["./test/global-setup.ts"],
    // The tests reach Genesys Cloud at the sandbox's base URLs, as the embedded default does; the log keeps to
    // warnings and errors (tests of the log capture their own).
    env: { GENESYS_CUSTOM_BASE_URLS: "on", LOG_LEVEL: "warn" },
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["**/*.test.ts"], exclude: [...excluded, ...processTests] },
      },
      {
        extends: true,
        test: {
          name: "processes",
          include: processTests,
          exclude: excluded,
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
