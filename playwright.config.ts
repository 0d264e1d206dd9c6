import { defineConfig, devices } from "@playwright/test";
import { e2eEnvironment, e2eBaseUrl } from "./e2e/support/environment";
import { chromiumExecutable } from "./e2e/support/chromium";

export default defineConfig({
  testDir: "./e2e",
  outputDir: "./test-results",
  fullyParallel: false,
  workers: 1,
  forbidOnly: true,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [
    ["list"],
    ["html", { open: "never", outputFolder: "playwright-report" }],
    ["json", { outputFile: process.env.E2E_JSON_REPORT ?? ".test-reports/e2e.json" }],
  ],
  use: {
    baseURL: e2eBaseUrl,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: chromiumExecutable(),
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [
    {
      name: "chromium",
      testIgnore: /api\.spec\.ts$/,
      use: { ...devices["Desktop Chrome"], viewport: { width: 1280, height: 900 } },
    },
    // The API spec provisions a demo tenant, so it runs after the specs that expect the demo tenants as seeded: with
    // one worker, projects run in the order listed. (Not a project dependency: a filtered run would run them all.)
    {
      name: "api",
      testMatch: /api\.spec\.ts$/,
      use: { ...devices["Desktop Chrome"], viewport: { width: 1280, height: 800 } },
    },
  ],
  webServer: {
    command: "npx tsx scripts/start.ts",
    url: `${e2eBaseUrl}/api/health`,
    timeout: 600_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: e2eEnvironment,
  },
});
