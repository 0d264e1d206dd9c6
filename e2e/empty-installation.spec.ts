import { spawn, type ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";
import { expect, test } from "./support/test";
import { seriousViolations } from "./support/accessibility";
import { signInAs } from "./support/session";
import { freePort } from "../test/support/free-port";

// A second installation of its own, without sandboxes, so it has no demo deployment and no tenant: what a new
// customer sees on the first start against their own GAX and Genesys Cloud.
const dataDirectory = ".data-e2e-empty";
const admin = { email: "first-admin@e2e.example.test", password: "first-admin-password-1234" };
let server: ChildProcess;
let baseURL = "";

test.beforeAll(async () => {
  test.setTimeout(180_000);
  rmSync(dataDirectory, { recursive: true, force: true });
  const port = await freePort();
  baseURL = `http://127.0.0.1:${port}`;
  server = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      DATA_DIR: dataDirectory,
      EMBEDDED_POSTGRES_PORT: String(await freePort()),
      NEXTAUTH_URL: baseURL,
      ADMIN_EMAIL: admin.email,
      ADMIN_PASSWORD: admin.password,
      SANDBOX: "off",
      REVERIFY_CRON: "off",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  await expect
    .poll(async () => (await fetch(`${baseURL}/api/health`).catch(() => undefined))?.status, { timeout: 170_000 })
    .toBe(200);
});

test.afterAll(async () => {
  if (server.exitCode === null) {
    const exited = new Promise((resolve) => server.once("exit", resolve));
    server.kill("SIGTERM");
    await exited;
  }
  rmSync(dataDirectory, { recursive: true, force: true });
});

test("an installation without tenants shows the first-run guide, and it leads to the deployments", async ({
  browser,
}) => {
  const context = await browser.newContext({ baseURL, viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await signInAs(page, admin.email, admin.password);
  const guide = page.getByTestId("first-run-guide");
  await expect(guide).toContainText("No tenants are registered yet.");
  await expect(guide).toContainText("Register the deployment");
  await expect(page.getByTestId("demo-guide")).toHaveCount(0);
  expect(await seriousViolations(page)).toEqual([]);
  await guide.getByRole("link", { name: "Go to deployments" }).click();
  await expect(page).toHaveURL(`${baseURL}/deployments`);
  await context.close();
});
