// `npm run test:e2e`: end-to-end tests in a real Chromium against the built app on a fresh embedded database.
import { spawnSync } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import { chromium } from "@playwright/test";
import { chromiumExecutable } from "../e2e/support/chromium";
import { e2eDataDirectory } from "../e2e/support/environment";
import { freePort } from "../test/support/free-port";

const executable = chromiumExecutable() ?? chromium.executablePath();
if (!executable || !existsSync(executable)) {
  console.error(
    "No Chromium found for the end-to-end tests. Install Debian's (`apt-get install -y chromium`) or set CHROMIUM_PATH to a Chromium/Chrome binary.",
  );
  process.exit(1);
}

rmSync(e2eDataDirectory, { recursive: true, force: true });
const env = { ...process.env };
delete env.DATABASE_URL;
// Free ports unless given, so a run never collides with another app, database or sandbox on this machine.
for (const name of ["E2E_PORT", "E2E_POSTGRES_PORT", "E2E_GENESYS_SANDBOX_PORT", "E2E_GAX_SANDBOX_PORT"]) {
  env[name] ??= String(await freePort());
}
const result = spawnSync(process.execPath, ["node_modules/@playwright/test/cli.js", "test", ...process.argv.slice(2)], {
  stdio: "inherit",
  env,
});
process.exit(result.status ?? 1);
