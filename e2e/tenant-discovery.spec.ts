import { readFile } from "node:fs/promises";
import { expect, test } from "./support/test";
import { SANDBOX_ADMIN } from "../sandbox/gax/default-seed";
import { rawGaxSession } from "../sandbox/gax/sandbox-test-kit";
import { bootstrapClientOf, defaultGenesysSeed } from "../sandbox/genesys-cloud/default-seed";
import { seriousViolations } from "./support/accessibility";
import { e2eAdmin, e2eEnvironment } from "./support/environment";
import { expectNoHorizontalScroll } from "./support/layout";
import { recordServerActions, replay, type RecordedAction } from "./support/server-actions";
import { signInAs, signOut } from "./support/session";
import { dismissToast } from "./support/toasts";
import { createUser } from "./support/users";

test.use({ viewport: { width: 1280, height: 800 } });
test.describe.configure({ mode: "serial" });

const stamp = Date.now();
const gaxUrl = `http://127.0.0.1:${e2eEnvironment.GAX_SANDBOX_PORT}/multi`;
const genesysUrl = `http://127.0.0.1:${e2eEnvironment.GENESYS_SANDBOX_PORT}`;
const deploymentName = `Discovery ${stamp}`;
// This spec's own Configuration Server tenant, created in the GAX sandbox; and a registered one GAX never had.
const newTenant = `Discovered${stamp}`;
const goneTenant = `Gone${stamp}`;
const viewer = {
  email: `discovery-viewer-${stamp}@e2e.example.test`,
  name: "Discovery Viewer",
  password: "discovery-viewer-password-1",
};
let registerRequest: RecordedAction | undefined;
let fleetRequest: RecordedAction | undefined;

const fleet = `version: 1
deployments:
  - name: ${deploymentName}
    layout: multi-tenant
    gaxBaseUrl: ${gaxUrl}
    gaxUsername: ${SANDBOX_ADMIN.username}
    gaxPassword: ${SANDBOX_ADMIN.password}
    tenants:
      - cfgTenantName: ${goneTenant}
        region: eu-west-1
        bootstrapClientId: gone-client
        bootstrapClientSecret: gone-secret
`;

async function openDiscovery(page: import("@playwright/test").Page) {
  await page.goto("/deployments");
  await page.getByRole("link", { name: `Discover tenants of ${deploymentName}` }).click();
  await expect(page.getByRole("heading", { name: `Tenants of ${deploymentName} in GAX` })).toBeVisible();
  await page.getByRole("button", { name: "Discover tenants" }).click();
  await expect(page.getByRole("status").filter({ hasText: `GAX user "${SANDBOX_ADMIN.username}" sees` })).toBeVisible();
}

test("an admin discovers the deployment's tenants, registers a new one with its bootstrap client, and sees it registered", async ({
  page,
}) => {
  const gax = await rawGaxSession(gaxUrl, SANDBOX_ADMIN);
  expect((await gax.post("cfg/objects", { type: "CfgTenant", name: newTenant })).status).toBe(201);

  await signInAs(page, e2eAdmin.email, e2eAdmin.password);
  await page.goto("/deployments");
  await page.getByRole("button", { name: "Import fleet" }).first().click();
  const upload = page.getByRole("dialog");
  await upload.getByLabel("Fleet file").setInputFiles({
    name: "fleet.yaml",
    mimeType: "text/yaml",
    buffer: Buffer.from(fleet),
  });
  await expect(upload.getByRole("status")).toHaveText("2 to change, 0 unchanged.");
  await upload.getByRole("button", { name: "Import", exact: true }).click();
  await expect(upload).toBeHidden();

  await openDiscovery(page);
  const unregistered = page.getByRole("table", { name: "Tenants in GAX that are not registered" });
  await expect(unregistered.getByTestId(`discovered-${newTenant}`)).toContainText("Enabled");
  await expect(unregistered).toContainText("Initech");
  await expect(unregistered).not.toContainText("Environment");
  await expect(page.getByRole("alert").filter({ hasText: "1 registered tenant not in GAX" })).toContainText(goneTenant);
  await expect(page.getByTestId(`registered-${goneTenant}`)).toContainText("Not in GAX");
  expect(await seriousViolations(page)).toEqual([]);
  await expectNoHorizontalScroll(page);

  // The fleet file: the selected tenants, to complete and import.
  await unregistered.getByRole("checkbox", { name: "Select Initech" }).check();
  const fleetActions = recordServerActions(page);
  const downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download as fleet file" }).click();
  const file = await readFile((await (await downloading).path())!, "utf8");
  expect(file).toContain("- cfgTenantName: Initech");
  expect(file).toContain(`name: ${deploymentName}`);
  expect(file).not.toContain(SANDBOX_ADMIN.password);
  fleetRequest = fleetActions.find((action) => action.body.includes('"Initech"'));
  await unregistered.getByRole("checkbox", { name: "Select Initech" }).uncheck();

  await unregistered.getByRole("checkbox", { name: `Select ${newTenant}` }).check();
  await page.getByRole("button", { name: "Register selected (1)" }).click();
  const dialog = page.getByRole("dialog", { name: `Register ${newTenant}` });
  await expect(dialog.getByLabel("Configuration Server tenant")).toHaveValue(newTenant);
  const bootstrap = bootstrapClientOf(defaultGenesysSeed, "initech-apac");
  await dialog.getByLabel("Login base URL").fill(genesysUrl);
  await dialog.getByLabel("API base URL").fill(genesysUrl);
  await dialog.getByLabel("Redirect URI").fill("https://apps.mypurecloud.com");
  await dialog.getByLabel("SSO target URI").fill("https://apps.mypurecloud.com");
  await dialog.getByLabel("Bootstrap client ID").fill(bootstrap.clientId);
  await dialog.getByLabel("Bootstrap client secret").fill(bootstrap.clientSecret);
  const actions = recordServerActions(page);
  await dialog.getByRole("button", { name: "Register tenant" }).click();
  await dismissToast(page, `Tenant ${newTenant} registered`);
  await expect(dialog).toBeHidden();
  registerRequest = actions.find((action) => action.body.includes(bootstrap.clientId));

  await expect(page.getByTestId(`registered-${newTenant}`)).toContainText("Listed");
  await expect(unregistered.getByTestId(`discovered-${newTenant}`)).toHaveCount(0);
  await page.goto(`/tenants?q=${newTenant}`);
  await expect(page.getByRole("link", { name: newTenant }).first()).toBeVisible();

  await createUser(page, viewer);
  await signOut(page);
});

test("a viewer sees what GAX lists but cannot register, and the server refuses the viewer's replayed registration", async ({
  page,
}) => {
  await signInAs(page, viewer.email, viewer.password);
  await openDiscovery(page);
  const unregistered = page.getByRole("table", { name: "Tenants in GAX that are not registered" });
  await expect(unregistered).toContainText("Initech");
  await expect(unregistered.getByRole("checkbox")).toHaveCount(0);
  await expect(page.getByRole("button", { name: /Register selected/ })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Download as fleet file" })).toHaveCount(0);
  await expect(page.getByText("Operators and administrators register tenants.")).toBeVisible();

  expect(registerRequest).toBeDefined();
  const refused = await replay(page, {
    ...registerRequest!,
    body: registerRequest!.body.replaceAll(newTenant, "Initech"),
  });
  expect(refused).toContain('"code":"forbidden"');
  expect(fleetRequest).toBeDefined();
  expect(await replay(page, fleetRequest!)).toContain('"code":"forbidden"');
});
