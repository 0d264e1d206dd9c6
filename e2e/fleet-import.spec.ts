import { expect, test } from "./support/test";
import { SANDBOX_ADMIN } from "../sandbox/gax/default-seed";
import { seriousViolations } from "./support/accessibility";
import { e2eAdmin, e2eEnvironment } from "./support/environment";
import { recordServerActions, replay } from "./support/server-actions";
import { signInAs, signOut } from "./support/session";
import { createUser } from "./support/users";

test.use({ viewport: { width: 1280, height: 800 } });
test.describe.configure({ mode: "serial" });

const gaxUrl = `http://127.0.0.1:${e2eEnvironment.GAX_SANDBOX_PORT}/multi`;
const deploymentName = `Fleet ${Date.now()}`;
const fleet = (region: string) => `version: 1
deployments:
  - name: ${deploymentName}
    layout: multi-tenant
    gaxBaseUrl: ${gaxUrl}
    gaxUsername: ${SANDBOX_ADMIN.username}
    gaxPassword: ${SANDBOX_ADMIN.password}
    tenants:
      - cfgTenantName: Hooli
        region: ${region}
        bootstrapClientId: hooli-client
        bootstrapClientSecret: hooli-secret
`;
const upload = (region: string) => ({ name: "fleet.yaml", mimeType: "text/yaml", buffer: Buffer.from(fleet(region)) });

const viewer = {
  email: `fleet-viewer-${Date.now()}@e2e.example.test`,
  name: "Fleet Viewer",
  password: "fleet-viewer-password-1",
};
let importRequest: { url: string; headers: Record<string, string>; body: string } | undefined;

test("an admin uploads a fleet file, sees its problems or changes row by row, and imports it", async ({ page }) => {
  await signInAs(page, e2eAdmin.email, e2eAdmin.password);
  const actions = recordServerActions(page);
  await page.goto("/deployments");
  await page.getByRole("button", { name: "Import fleet" }).first().click();
  const dialog = page.getByRole("dialog");
  const file = dialog.getByLabel("Fleet file");

  await file.setInputFiles(upload("nowhere"));
  await expect(dialog.getByRole("status")).toHaveText("1 problem: nothing will be imported.");
  const problems = dialog.getByRole("table", { name: "Problems in the file" });
  await expect(problems.getByRole("row").nth(1)).toContainText("10:17");
  await expect(problems).toContainText("deployments[0].tenants[0].region");
  await expect(dialog.getByRole("button", { name: "Import", exact: true })).toBeDisabled();

  await file.setInputFiles(upload("eu-west-1"));
  await expect(dialog.getByRole("status")).toHaveText("2 to change, 0 unchanged.");
  const changes = dialog.getByRole("table", { name: "Changes" });
  await expect(changes.getByRole("row", { name: `Create deployment ${deploymentName}` })).toBeVisible();
  await expect(changes.getByRole("row", { name: `Create tenant ${deploymentName}/Hooli` })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);

  await dialog.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page.getByText("Imported 2 changes")).toBeVisible();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(deploymentName).first()).toBeVisible();
  importRequest = actions.at(-1);
  await createUser(page, viewer);
  await signOut(page);
});

test("a viewer has no Import fleet, and the server refuses the viewer's replayed import", async ({ page }) => {
  await signInAs(page, viewer.email, viewer.password);
  await page.goto("/deployments");
  await expect(page.getByText(deploymentName).first()).toBeVisible();
  await expect(page.getByRole("button", { name: "Import fleet" })).toHaveCount(0);
  const otherName = `${deploymentName} replayed`;
  const refused = await replay(page, {
    ...importRequest!,
    body: importRequest!.body.replaceAll(deploymentName, otherName),
  });
  expect(refused).toContain('"code":"forbidden"');
  await page.reload();
  await expect(page.getByText(otherName)).toHaveCount(0);
});

test("an admin uploads a CSV of tenants of a registered deployment, each problem at its row and column", async ({
  page,
}) => {
  const csv = (region: string) => ({
    name: "tenants.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(
      "deployment,cfgTenantName,region,bootstrapClientId,bootstrapClientSecret,services\n" +
        `${deploymentName},Pied Piper,${region},piper-client,piper-secret,predictive-engagement;agent-pacing\n`,
    ),
  });
  await signInAs(page, e2eAdmin.email, e2eAdmin.password);
  await page.goto("/deployments");
  await page.getByRole("button", { name: "Import fleet" }).first().click();
  const dialog = page.getByRole("dialog");
  const file = dialog.getByLabel("Fleet file");

  await file.setInputFiles(csv("nowhere"));
  await expect(dialog.getByRole("status")).toHaveText("1 problem: nothing will be imported.");
  const problem = dialog.getByRole("table", { name: "Problems in the file" }).getByRole("row").nth(1);
  await expect(problem).toContainText("2:3");
  await expect(problem).toContainText("region");

  await file.setInputFiles(csv("eu-west-1"));
  await expect(dialog.getByRole("status")).toHaveText("1 to change, 1 unchanged.");
  const changes = dialog.getByRole("table", { name: "Changes" });
  await expect(changes.getByRole("row", { name: `Create tenant ${deploymentName}/Pied Piper` })).toBeVisible();
  await dialog.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page.getByText("Imported 1 change")).toBeVisible();
  await expect(dialog).toBeHidden();
});
