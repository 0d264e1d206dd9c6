import { expect, test } from "./support/test";
import { SANDBOX_ADMIN } from "../sandbox/gax/default-seed";
import { bootstrapClientOf, defaultGenesysSeed } from "../sandbox/genesys-cloud/default-seed";
import { e2eAdmin, e2eEnvironment } from "./support/environment";
import { enterIsolationAgent } from "./support/checklist";
import { signInAs, signOut } from "./support/session";
import { createUser } from "./support/users";

const demoTenants = ["Acme", "Globex", "Initech"];
const viewer = {
  email: `tenant-viewer-${Date.now()}@e2e.example.test`,
  name: "Tess Viewer",
  password: "tenant-viewer-password-42",
};

test.describe.configure({ mode: "serial" });

test("the demo tenants are listed on the overview and the tenants page, and filters live in the URL", async ({
  page,
}, testInfo) => {
  await signInAs(page, e2eAdmin.email, e2eAdmin.password);
  for (const name of demoTenants) await expect(page.getByTestId(`tenant-row-${name}`)).toBeVisible();

  await page.getByRole("link", { name: "Tenants", exact: true }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Tenants" })).toBeVisible();
  for (const name of demoTenants)
    await expect(page.getByTestId(`tenant-row-${name}`)).toContainText("Sandbox (multi-tenant)");

  await page.getByRole("searchbox", { name: "Search" }).fill("glob");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/[?&]q=glob/);
  await expect(page.getByTestId("tenant-row-Globex")).toBeVisible();
  await expect(page.getByTestId("tenant-row-Acme")).toHaveCount(0);

  // Other specs add tenants of their own: look at the order of the demo ones.
  await page.goto("/tenants?sort=tenant&dir=desc");
  await expect(page.getByTestId("tenant-row-Initech").first()).toBeVisible();
  const order = await page
    .locator("[data-testid^=tenant-row-]")
    .evaluateAll((rows) => rows.map((row) => row.getAttribute("data-testid")!.replace("tenant-row-", "")));
  expect([...new Set(order.filter((name) => demoTenants.includes(name)))]).toEqual([...demoTenants].reverse());
  await page.screenshot({ path: testInfo.outputPath("tenants-overview.png"), fullPage: true });
});

// The demo tenants have no region (only the sandbox URLs), which the engine cannot resolve settings for yet; so the
// operator registers Acme again in a deployment of their own, with a region and the sandbox URLs, through the forms.
const rehearsal = "E2E rehearsal (multi-tenant)";
const sandboxUrl = `http://127.0.0.1:${e2eEnvironment.GENESYS_SANDBOX_PORT}`;

test("an operator registers a deployment and a tenant, applies every step, and the checklist goes green live", async ({
  page,
}, testInfo) => {
  test.setTimeout(240_000);
  await signInAs(page, e2eAdmin.email, e2eAdmin.password);
  await page.goto("/deployments");
  await page.getByRole("button", { name: "New deployment" }).click();
  let dialog = page.getByRole("dialog");
  await dialog.getByRole("button", { name: "Register deployment" }).click();
  await expect(
    dialog.getByText("must be an http(s) URL such as http://gax.example:8080", { exact: true }),
  ).toBeVisible();
  await dialog.locator("input[name=name]").fill(rehearsal);
  await dialog.getByLabel("GAX URL").fill(`http://127.0.0.1:${e2eEnvironment.GAX_SANDBOX_PORT}/multi`);
  await dialog.getByLabel("GAX username").fill(SANDBOX_ADMIN.username);
  await dialog.getByLabel("GAX password").fill(SANDBOX_ADMIN.password);
  await dialog.getByRole("button", { name: "Register deployment" }).click();
  await expect(page.getByText(`Deployment ${rehearsal} registered.`)).toBeVisible();
  const row = page.getByTestId(`deployment-row-${rehearsal}`);
  await expect(row.getByRole("link", { name: `0 tenants of ${rehearsal}` })).toBeVisible();

  await row.getByRole("button", { name: "Add tenant" }).click();
  dialog = page.getByRole("dialog");
  await dialog.getByLabel("Configuration Server tenant").fill("Acme");
  await dialog.getByRole("combobox", { name: "Genesys Cloud region" }).click();
  await page.getByRole("option", { name: "EU (Ireland) (eu-west-1)" }).click();
  await expect(dialog.getByLabel("Hosts of EU (Ireland)")).toContainText("login.mypurecloud.ie");
  await dialog.getByLabel("Login base URL").fill(sandboxUrl);
  await dialog.getByLabel("API base URL").fill(sandboxUrl);
  const bootstrap = bootstrapClientOf(defaultGenesysSeed, "acme-eu");
  await dialog.getByLabel("Bootstrap client ID").fill(bootstrap.clientId);
  await dialog.getByLabel("Bootstrap client secret").fill("not-the-secret");
  await dialog.getByRole("button", { name: "Test credentials" }).click();
  await expect(dialog.getByRole("alert")).toContainText("rejected the OAuth client ID or secret");
  await dialog.getByLabel("Bootstrap client secret").fill(bootstrap.clientSecret);
  await dialog.getByRole("button", { name: "Test credentials" }).click();
  await expect(dialog.getByRole("status")).toContainText("(acme-eu)");
  await dialog.getByRole("button", { name: "Register tenant" }).click();
  await expect(page.getByText("Tenant Acme registered")).toBeVisible();
  await expect(row.getByRole("link", { name: `1 tenants of ${rehearsal}` })).toBeVisible();

  await page.goto(`/tenants?q=rehearsal`);
  await page.getByTestId("tenant-row-Acme").getByRole("link", { name: "Acme" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Acme" })).toBeVisible();
  const smokeTest = page.getByTestId("step-smoke-test");
  await expect(smokeTest).toHaveAttribute("data-status", "not-started");
  // Registration queued the preparation of the tenant's SAML key; once the worker made it, it is listed, sealed.
  const preparedKey = page.getByTestId("step-saml-key-material").getByTestId("secret-saml-key-material.prepared-key");
  await expect(async () => {
    await page.reload();
    await expect(preparedKey).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 60_000 });

  // A step that needs operator input first (the isolation check's sample agent) is completed with its generated form.
  await enterIsolationAgent(page, "acme.agent1");
  await expect(page.getByText(/completed by hand/).first()).toBeVisible();

  await page.getByRole("button", { name: "Apply all" }).click();
  const confirm = page.getByRole("alertdialog");
  await expect(confirm).toContainText("Apply every step of Acme?");
  await confirm.getByRole("button", { name: "Apply all" }).click();
  await expect(page.getByText("Apply queued for every step of Acme")).toBeVisible();

  // No reload from here on: the page polls and turns green by itself.
  await expect(smokeTest).toHaveAttribute("data-status", "done", { timeout: 150_000 });
  await expect(page.getByTestId("tenant-status")).toHaveText("Provisioned");
  for (const card of await page.locator("[data-testid^=step-][data-status]").all()) {
    await expect(card).toHaveAttribute("data-status", /^(done|not-needed)$/);
  }
  await expect(page.getByTestId("run-row").first()).toContainText("Succeeded");
  await expect(page.getByText("Apply finished")).toBeVisible();
  // The key-material step certified the prepared key, and the prepared key is gone.
  await expect(page.getByTestId("step-saml-key-material")).toContainText(
    "made the SAML certificate for the key prepared when the tenant was registered",
  );
  await expect(preparedKey).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath("tenant-checklist.png"), fullPage: true });
});

test("a viewer sees the tenants and the checklist but no control that changes anything", async ({ page }) => {
  await signInAs(page, e2eAdmin.email, e2eAdmin.password);
  await createUser(page, viewer);
  await signOut(page);

  await signInAs(page, viewer.email, viewer.password);
  await page.goto("/tenants?q=rehearsal");
  await expect(page.getByTestId("tenant-row-Acme")).toBeVisible();
  await expect(page.getByRole("toolbar", { name: "Bulk actions" })).toHaveCount(0);
  await expect(page.getByRole("checkbox")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "New tenant" })).toHaveCount(0);

  await page.getByTestId("tenant-row-Acme").getByRole("link", { name: "Acme" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Acme" })).toBeVisible();
  await expect(page.getByTestId("step-smoke-test")).toHaveAttribute("data-status", "done");
  for (const name of [/^(Plan|Apply|Verify) all$/, /^Apply /, /^Verify /])
    await expect(page.getByRole("button", { name })).toHaveCount(0);

  await page.goto("/deployments");
  await expect(page.getByTestId("deployment-row-Sandbox (multi-tenant)")).toContainText("3");
  await expect(page.getByRole("button", { name: /New deployment|Add tenant/ })).toHaveCount(0);
});
