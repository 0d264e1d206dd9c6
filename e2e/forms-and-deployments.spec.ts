import { expect, test } from "./support/test";
import type { Locator, Page } from "@playwright/test";
import { SANDBOX_ADMIN } from "../sandbox/gax/default-seed";
import { bootstrapClientOf, defaultGenesysSeed } from "../sandbox/genesys-cloud/default-seed";
import { seriousViolations } from "./support/accessibility";
import { forgetAppliedSteps, recordAppliedStep } from "./support/database";
import { e2eAdmin, e2eEnvironment } from "./support/environment";
import { expectNoHorizontalScroll } from "./support/layout";
import { signInAs } from "./support/session";
import { dismissToast } from "./support/toasts";

test.use({ viewport: { width: 1280, height: 800 } });
test.describe.configure({ mode: "serial" });

const gaxUrl = `http://127.0.0.1:${e2eEnvironment.GAX_SANDBOX_PORT}/multi`;
const genesysUrl = `http://127.0.0.1:${e2eEnvironment.GENESYS_SANDBOX_PORT}`;
const deploymentName = `Forms ${Date.now()}`;
const tenantName = "Umbrella";
const programmerWords =
  /Invalid input|expected string|received undefined|cfgTenantName|loginBaseUrl|bootstrapClient|gaxBaseUrl|settings\./;

/** The field with this label is marked invalid and announces the message. */
async function expectFieldError(dialog: Locator, label: string, message: string | RegExp) {
  // A required field's label ends in an asterisk (hidden from assistive technology, but part of the label's text).
  const control = dialog.getByLabel(new RegExp(`^${label.replace(/[()]/g, "\\$&")}\\s*\\*?$`));
  await expect(control).toHaveAttribute("aria-invalid", "true");
  await expect(control).toHaveAccessibleDescription(message);
}

async function openNewDeployment(page: Page) {
  await page.goto("/deployments");
  await page.getByRole("button", { name: "New deployment" }).first().click();
  return page.getByRole("dialog");
}

test("the first submit flags every invalid field in plain words, and axe finds nothing in the dialogs", async ({
  page,
}) => {
  await signInAs(page, e2eAdmin.email, e2eAdmin.password);
  const dialog = await openNewDeployment(page);
  await dialog.getByRole("button", { name: "Register deployment" }).click();
  await expectFieldError(dialog, "Name", /must not be empty/);
  await expectFieldError(dialog, "GAX URL", /must be an http\(s\) URL such as http:\/\/gax.example:8080/);
  await expectFieldError(dialog, "GAX username", /must not be empty/);
  await expectFieldError(dialog, "GAX password", /is required|must not be empty/);
  await expect(dialog).not.toContainText(programmerWords);
  // Examples are descriptions, never placeholders that look like values already filled in.
  await expect(dialog.locator("input[placeholder]")).toHaveCount(0);
  expect(await seriousViolations(page)).toEqual([]);
  await page.keyboard.press("Escape");

  await page.getByTestId("deployment-row-Sandbox (multi-tenant)").getByRole("button", { name: "Add tenant" }).click();
  const tenant = page.getByRole("dialog");
  await tenant.getByRole("button", { name: "Register tenant" }).click();
  await expectFieldError(tenant, "Configuration Server tenant", /is required/);
  await expectFieldError(tenant, "Genesys Cloud region", /is required unless the login and API base URLs are given/);
  await expectFieldError(tenant, "Bootstrap client ID", /must not be empty/);
  await expectFieldError(tenant, "Bootstrap client secret", /must not be empty|is required/);
  await expect(tenant).not.toContainText(programmerWords);
  await expect(tenant.locator("input[placeholder]")).toHaveCount(0);
  expect(await seriousViolations(page)).toEqual([]);
});

test("registration refuses settings a run cannot use, naming the field, and takes them once given", async ({
  page,
}) => {
  await signInAs(page, e2eAdmin.email, e2eAdmin.password);
  await page.goto("/deployments");
  await page.getByTestId("deployment-row-Sandbox (multi-tenant)").getByRole("button", { name: "Add tenant" }).click();
  const dialog = page.getByRole("dialog");
  const bootstrap = bootstrapClientOf(defaultGenesysSeed, "globex-us");
  await dialog.getByLabel("Configuration Server tenant").fill(tenantName);
  await dialog.getByLabel("Login base URL").fill(genesysUrl);
  await dialog.getByLabel("API base URL").fill(genesysUrl);
  await dialog.getByLabel("Bootstrap client ID").fill(bootstrap.clientId);
  await dialog.getByLabel("Bootstrap client secret").fill(bootstrap.clientSecret);
  await dialog.getByRole("button", { name: "Register tenant" }).click();
  const rule = /is required when the tenant has no Genesys Cloud region/;
  await expectFieldError(dialog, "Redirect URI", rule);
  await expectFieldError(dialog, "SSO target URI", rule);
  await expect(dialog.getByRole("alert").filter({ hasText: "Could not register the tenant" })).toContainText(
    "Redirect URI is required",
  );
  await expect(dialog).not.toContainText(programmerWords);

  await dialog.getByLabel("Redirect URI").fill("https://apps.mypurecloud.com");
  await dialog.getByLabel("SSO target URI").fill("https://apps.mypurecloud.com");
  // A successful test clears the old errors; the warnings say what to check without refusing.
  await dialog.getByRole("button", { name: "Test credentials" }).click();
  await expect(dialog.getByRole("status").filter({ hasText: "(globex-us)" })).toBeVisible();
  await expect(dialog.locator("[aria-invalid=true]")).toHaveCount(0);
  const warnings = dialog.getByTestId("registration-warnings");
  await expect(warnings).toContainText("already paired with tenant Sandbox (multi-tenant)/Globex");
  await expect(warnings).toContainText(`Tenant "${tenantName}" was not found in Configuration Server`);
  await dialog.getByRole("button", { name: "Register tenant" }).click();
  await dismissToast(page, `Tenant ${tenantName} registered`);
});

test("Test connection refuses a wrong password and an unreachable URL; saving needs GAX to accept, or Save anyway", async ({
  page,
}) => {
  await signInAs(page, e2eAdmin.email, e2eAdmin.password);
  const dialog = await openNewDeployment(page);
  await dialog.locator("input[name=name]").fill(deploymentName);
  await dialog.getByLabel("GAX URL").fill(gaxUrl);
  await dialog.getByLabel("GAX username").fill(SANDBOX_ADMIN.username);
  await dialog.getByLabel("GAX password").fill("not-the-password");
  await dialog.getByRole("button", { name: "Test connection" }).click();
  const result = dialog.getByTestId("connection-result");
  await expect(result).toContainText("GAX did not accept the connection");
  await expect(result).toContainText(`GAX refused the sign-in of user "${SANDBOX_ADMIN.username}"`);

  await dialog.getByLabel("GAX URL").fill("http://127.0.0.1:9/");
  await dialog.getByLabel("GAX password").fill(SANDBOX_ADMIN.password);
  await dialog.getByRole("button", { name: "Test connection" }).click();
  await expect(result).toContainText("GAX did not answer");
  await dialog.getByRole("button", { name: "Register deployment" }).click();
  await expect(result).toContainText("GAX did not answer");
  await expect(result.getByRole("button", { name: "Save anyway" })).toBeVisible();
  await expectFieldError(dialog, "GAX URL", /GAX did not answer/);

  await dialog.getByLabel("GAX URL").fill(gaxUrl);
  await dialog.getByRole("button", { name: "Test connection" }).click();
  await expect(result).toContainText("GAX accepted the connection");
  await expect(dialog.locator("[aria-invalid=true]")).toHaveCount(0);
  await dialog.getByRole("button", { name: "Register deployment" }).click();
  await dismissToast(page, `Deployment ${deploymentName} registered.`);
  const row = page.getByTestId(`deployment-row-${deploymentName}`);
  await expect(row.getByTestId("deployment-health")).toHaveAttribute("data-state", "connected");
  await expect(row.getByTestId("deployment-health")).toContainText(/Connected\s*\d{4}-\d\d-\d\d \d\d:\d\d UTC/);
  await expectNoHorizontalScroll(page);
  expect(await seriousViolations(page)).toEqual([]);
});

test("a deployment is edited, tested and deleted; a tenant is edited, and deleted only while nothing is provisioned", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signInAs(page, e2eAdmin.email, e2eAdmin.password);
  await page.goto("/deployments");
  let row = page.getByTestId(`deployment-row-${deploymentName}`);
  await row.getByRole("button", { name: `Edit ${deploymentName}` }).click();
  let dialog = page.getByRole("dialog");
  await expect(dialog.getByLabel("GAX password")).toHaveValue("");
  await dialog.locator("input[name=name]").fill(`${deploymentName} renamed`);
  await dialog.getByLabel("GAX password").fill("not-the-password");
  await dialog.getByRole("button", { name: "Save deployment" }).click();
  await expect(dialog.getByTestId("connection-result")).toContainText("GAX refused the sign-in");
  await dialog.getByLabel("GAX password").fill("");
  await dialog.getByRole("button", { name: "Save deployment" }).click();
  await dismissToast(page, `Deployment ${deploymentName} renamed saved.`);
  row = page.getByTestId(`deployment-row-${deploymentName} renamed`);
  await row.getByRole("button", { name: `Test connection of ${deploymentName} renamed` }).click();
  await dismissToast(page, `GAX of ${deploymentName} renamed accepted the connection.`);
  await row.getByRole("button", { name: `Delete ${deploymentName} renamed` }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Delete deployment" }).click();
  await dismissToast(page, `Deployment ${deploymentName} renamed deleted.`);
  await expect(row).toHaveCount(0);

  // The tenant registered above: edited (secret left empty keeps the sealed one), then deleted.
  await page.goto(`/tenants?q=${tenantName}`);
  await page.getByTestId(`tenant-row-${tenantName}`).getByRole("link", { name: tenantName }).click();
  await expect(page.getByRole("heading", { level: 1, name: tenantName })).toBeVisible();
  const tenantId = page.url().split("/tenants/")[1]!.split(/[?#/]/)[0]!;
  await page.getByRole("button", { name: "Edit", exact: true }).click();
  dialog = page.getByRole("dialog");
  await expect(dialog.getByLabel("Bootstrap client secret")).toHaveValue("");
  await dialog.getByRole("combobox", { name: "Genesys Cloud region" }).click();
  await page.getByRole("option", { name: "US East (N. Virginia) (us-east-1)" }).click();
  await dialog.getByRole("button", { name: "Save tenant" }).click();
  await dismissToast(page, `Tenant ${tenantName} saved.`);
  await expect(page.getByText("region us-east-1")).toBeVisible();

  expect(await seriousViolations(page)).toEqual([]);

  await recordAppliedStep(tenantId, "oauth-clients");
  const confirm = page.getByRole("alertdialog");
  await page.getByRole("button", { name: "Delete", exact: true }).click();
  await confirm.getByRole("button", { name: "Delete tenant" }).click();
  await dismissToast(page, /has provisioned objects.*\(decommission\)/);
  await expect(confirm).toBeHidden();
  await expect(page.getByRole("heading", { level: 1, name: tenantName })).toBeVisible();

  await forgetAppliedSteps(tenantId);
  await page.getByRole("button", { name: "Delete", exact: true }).click();
  await confirm.getByRole("button", { name: "Delete tenant" }).click();
  await expect(page).toHaveURL(/\/tenants$/);
  await dismissToast(page, `Tenant ${tenantName} deleted.`);
  await page.goto(`/audit?q=${tenantName}`);
  // The audit history stays: the tenant's registration and its deletion.
  const rows = page.getByTestId("audit-row");
  await expect(rows.filter({ hasText: "tenant.delete" })).toHaveCount(1);
  await expect(rows.filter({ hasText: "tenant.create" })).toHaveCount(1);
});

test("the user forms flag every invalid field at once in words, and a saved edit leaves no old error behind", async ({
  page,
}) => {
  await signInAs(page, e2eAdmin.email, e2eAdmin.password);
  await page.goto("/users");
  await page.getByRole("button", { name: "New user" }).click();
  let dialog = page.getByRole("dialog");
  await dialog.getByRole("button", { name: "Create user" }).click();
  await expectFieldError(dialog, "Email", /Enter a valid email address/);
  await expectFieldError(dialog, "Name", /Enter a name/);
  await expect(dialog).not.toContainText(programmerWords);
  await page.keyboard.press("Escape");

  const row = page.getByTestId(`user-row-${e2eAdmin.email}`);
  await row.getByRole("button", { name: `Edit ${e2eAdmin.email}` }).click();
  dialog = page.getByRole("dialog");
  const name = dialog.getByLabel(/^Name/);
  const current = await name.inputValue();
  await name.fill("");
  await dialog.getByRole("button", { name: "Save" }).click();
  await expectFieldError(dialog, "Name", /Enter a name/);
  await name.fill(current);
  await dialog.getByRole("button", { name: "Save" }).click();
  await dismissToast(page, `${e2eAdmin.email} updated.`);
  await row.getByRole("button", { name: `Edit ${e2eAdmin.email}` }).click();
  await expect(page.getByRole("dialog").locator("[aria-invalid=true]")).toHaveCount(0);
  await expect(page.getByRole("dialog").getByLabel(/^Name/)).toHaveValue(current);
});
