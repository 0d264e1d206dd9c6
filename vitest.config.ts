import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig({
  resolve: {
    alias: {
      "@/": root,
      "server-only": fileURLToPath(new URL("./test/support/server-only-stub.ts", import.meta.url)),
    },
  },
  test: {
    include: ["**/*.test.ts"],
    exclude: ["node_modules/**", "e2e/**", ".next/**", ".data*/**"],
    environment: "node",
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    globalSetup: ["./test/global-setup.ts"],
    // The tests reach Genesys Cloud at the sandbox's base URLs, as the embedded default does; the log keeps to
    // warnings and errors (tests of the log capture their own).
    env: { GENESYS_CUSTOM_BASE_URLS: "on", LOG_LEVEL: "warn" },
  },
});
