import { copyFileSync, mkdirSync, readFileSync } from "node:fs";
import type { Page, TestInfo } from "@playwright/test";
import { expect, test } from "./support/test";
import { seriousViolations } from "./support/accessibility";
import { e2eAdmin } from "./support/environment";
import { ageSignIn } from "./support/database";
import { recordServerActions, replay, type RecordedAction } from "./support/server-actions";
import { enterIsolationAgent, showStepDetails } from "./support/checklist";
import { signInAs, signOut } from "./support/session";
import { createUser } from "./support/users";
import { SAML_KEY_MATERIAL } from "../lib/provisioning/client-safe";

// The demo tenant Globex (deployment "Sandbox (multi-tenant)", org globex-us of the built-in sandbox) is walked through
// its whole checklist by an operator; a viewer then looks at the same tenant.
const stamp = Date.now();
const operator = {
  email: `journey-operator-${stamp}@e2e.example.test`,
  name: "Olga Operator",
  password: "journey-operator-password-42",
};
const viewer = {
  email: `journey-viewer-${stamp}@e2e.example.test`,
  name: "Vic Viewer",
  password: "journey-viewer-password-42",
};
const keyPassword = "saml-key-material.key-password";
const MASK = "********";

let checklistPath = "";
let revealRequest: RecordedAction | undefined;
let revealedValue = "";

test.describe.configure({ mode: "serial" });

/** A full-page screenshot kept with the test's artifacts, and copied to docs/screenshots with UPDATE_SCREENSHOTS=1. */
async function screenshot(page: Page, testInfo: TestInfo, name: string) {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path, fullPage: true });
  if (process.env.UPDATE_SCREENSHOTS === "1") {
    mkdirSync("docs/screenshots", { recursive: true });
    copyFileSync(path, `docs/screenshots/${name}.png`);
  }
}

/** Waits for the run just queued to end with the given toast (the page polls; no reload). */
async function runFinished(page: Page, toast: string, timeout = 60_000) {
  await expect(page.getByText(toast).first()).toBeVisible({ timeout });
}

test("an admin adds an operator and a viewer", async ({ page }) => {
  await signInAs(page, e2eAdmin.email, e2eAdmin.password);
  await createUser(page, operator, "Operator");
  await createUser(page, viewer, "Viewer");
});

test("an operator plans first, sees what Apply will do, then applies until the checklist is green", async ({
  page,
}, testInfo) => {
  test.setTimeout(240_000);
  await signInAs(page, operator.email, operator.password);

  await page.goto("/tenants?q=Globex");
  await page.getByTestId("tenant-row-Globex").getByRole("link", { name: "Globex" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Globex" })).toBeVisible();
  checklistPath = new URL(page.url()).pathname;
  await expect(
    page.getByRole("navigation", { name: "Tenant pages" }).getByRole("link", { name: "Certificate" }),
  ).toHaveAttribute("href", `${checklistPath}/certificate`);

  // The isolation check needs a sample agent of the tenant, entered through the step's generated form.
  await expect(page.getByTestId("step-tenant-isolation")).toBeVisible();
  await enterIsolationAgent(page, "globex.agent1");

  // Plan: nothing is written; each step says what Apply will do.
  const planFirst = page.getByTestId("plan-first");
  await expect(planFirst).toContainText("No plan yet");
  await planFirst.getByRole("button", { name: "Plan" }).click();
  await runFinished(page, "Plan finished");
  await expect(planFirst).toHaveCount(0);

  const connect = page.getByTestId("step-connect-org");
  const connectPlan = connect.getByTestId("step-plan");
  await expect(connectPlan).toHaveAttribute("data-action", "create");
  await expect(connectPlan.getByRole("heading", { name: "What Apply will do" })).toBeVisible();
  await expect(connectPlan.getByRole("columnheader")).toHaveText(["Field", "Now", "After"]);
  const shortName = connectPlan.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "orgShortName" }) });
  await expect(shortName.getByRole("cell")).toHaveText(["not set", "globex-us"]);
  // Secrets are masked as the engine gives them.
  const clientPlan = page.getByTestId("step-client-credentials-client").getByTestId("step-plan");
  await expect(clientPlan).toHaveAttribute("data-action", "create");
  const clientSecret = clientPlan.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "secret" }) });
  await expect(clientSecret.getByRole("cell").nth(1)).toContainText(`${MASK} (secret, masked)`);
  const objectPlan = page.getByTestId("step-transaction-object").getByTestId("step-plan");
  await expect(objectPlan).toHaveAttribute("data-action", "pending");
  await expect(objectPlan).toContainText("Waiting for Connect the Genesys Cloud org");
  await expect(page.getByTestId("step-smoke-test")).toHaveAttribute("data-status", "not-started");
  expect(await seriousViolations(page)).toEqual([]);
  await screenshot(page, testInfo, "checklist-plan");

  await page.getByRole("button", { name: "Apply all" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Apply all" }).click();
  await expect(page.getByTestId("step-smoke-test")).toHaveAttribute("data-status", "done", { timeout: 150_000 });
  await expect(page.getByTestId("tenant-status")).toHaveText("Provisioned");
  // Apply clears the plans it carried out.
  await expect(page.getByTestId("step-plan")).toHaveCount(0);
  await screenshot(page, testInfo, "checklist");

  await page.goto("/");
  await expect(page.getByTestId("tenant-row-Globex").first()).toContainText("Provisioned");
  await expect(page.getByRole("combobox", { name: "Deployment" })).toContainText("All deployments");
  await screenshot(page, testInfo, "overview");
});

test("the operator reveals a secret, and the audit log records who and which secret but not the value", async ({
  page,
}, testInfo) => {
  const recorded = recordServerActions(page);
  await signInAs(page, operator.email, operator.password);
  await page.goto(checklistPath);
  await showStepDetails(page, SAML_KEY_MATERIAL);
  const secret = page.getByTestId(`secret-${keyPassword}`);
  await expect(secret).toContainText("••••••••");
  await secret.getByRole("button", { name: /^Reveal key password of/ }).click();
  const shown = secret.getByTestId("revealed-secret");
  await expect(shown).toBeVisible();
  revealedValue = (await shown.textContent()) ?? "";
  expect(revealedValue.length).toBeGreaterThan(8);
  await expect(page.getByText("Your reveal is recorded in the audit log.").first()).toBeVisible();
  revealRequest = recorded.find((action) => action.body.includes(keyPassword));
  expect(revealRequest, "the reveal went through a server action").toBeDefined();
  expect(revealRequest!.url).not.toContain(revealedValue);

  await secret.getByRole("button", { name: /^Hide key password of/ }).click();
  await expect(secret.getByTestId("revealed-secret")).toHaveCount(0);
  // Revealed again, then gone after navigating away and back: it is never part of the page itself.
  await secret.getByRole("button", { name: /^Reveal key password of/ }).click();
  await expect(secret.getByTestId("revealed-secret")).toBeVisible();
  await page.getByRole("link", { name: "Transaction object" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Transaction object" })).toBeVisible();
  await page.goBack();
  await expect(page.getByTestId(`secret-${keyPassword}`)).toContainText("••••••••");
  await expect(page.getByTestId("revealed-secret")).toHaveCount(0);
  expect(await page.content()).not.toContain(revealedValue);

  await page.goto("/audit?action=secret.reveal");
  const rows = page.getByTestId("audit-row");
  await expect(rows.first()).toContainText(operator.email);
  await expect(rows.first()).toContainText("secret.reveal");
  await screenshot(page, testInfo, "audit-log");
  await rows
    .first()
    .getByRole("button", { name: /Details of event/ })
    .click();
  const details = page.getByRole("dialog");
  await expect(details).toContainText(keyPassword);
  await expect(details).toContainText(SAML_KEY_MATERIAL);
  await expect(details).toContainText("shown on the checklist");
  await expect(details).not.toContainText(revealedValue);
  expect(await page.content()).not.toContain(revealedValue);
  await page.keyboard.press("Escape");
});

test("an aged sign-in asks for the password again before secrets are revealed or exported", async ({ page }) => {
  await signInAs(page, operator.email, operator.password);
  await ageSignIn(operator.email, 11);
  await page.goto(checklistPath);
  await showStepDetails(page, SAML_KEY_MATERIAL);
  const secret = page.getByTestId(`secret-${keyPassword}`);
  await secret.getByRole("button", { name: /^Reveal key password of/ }).click();
  const again = page.getByRole("dialog", { name: "Confirm it is you" });
  await again.getByLabel("Password").fill("not-the-password-0");
  await again.getByRole("button", { name: "Confirm" }).click();
  await expect(again.getByText("That password is not right.")).toBeVisible();
  await expect(secret.getByTestId("revealed-secret")).toHaveCount(0);
  await again.getByLabel("Password").fill(operator.password);
  await again.getByRole("button", { name: "Confirm" }).click();
  await expect(secret.getByTestId("revealed-secret")).toHaveText(revealedValue);

  // The export with secrets is a route, not an action: it asks the same way; cancelling exports nothing.
  await ageSignIn(operator.email, 11);
  await page.getByRole("link", { name: "Transaction object" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Transaction object" })).toBeVisible();
  await page.getByRole("button", { name: "Export with secrets" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Export with secrets" }).click();
  await expect(again).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByText("Could not export with secrets")).toBeVisible();
});

test("the transaction object page shows every key the same as in GAX, and exports it as JSON", async ({
  page,
}, testInfo) => {
  await signInAs(page, operator.email, operator.password);
  await page.goto(checklistPath);
  await page.getByRole("link", { name: "Transaction object" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Transaction object" })).toBeVisible();
  await expect(page.getByTestId("live-status")).toHaveAttribute("data-status", "same");
  for (const section of ["general", "saml", "saml_auth"])
    await expect(page.getByTestId(`section-${section}`)).toBeVisible();
  const options = page.locator("[data-testid^=option-]");
  expect(await options.count()).toBeGreaterThan(10);
  for (const option of await options.all()) await expect(option).toHaveAttribute("data-comparison", "same");
  await expect(page.getByTestId("option-general/organization_sname")).toContainText("globex-us");
  await expect(page.getByTestId("option-saml/password")).toContainText("••••••••");
  expect(await seriousViolations(page)).toEqual([]);
  await screenshot(page, testInfo, "transaction-object");

  // Reveal on the page: the secret options show in place, and Hide masks them again.
  await page.getByRole("button", { name: "Reveal secrets" }).click();
  await expect(page.getByTestId("option-saml/password").getByTestId("revealed-secret")).toHaveText(revealedValue);
  await page.getByRole("button", { name: "Hide secrets" }).click();
  await expect(page.getByTestId("revealed-secret")).toHaveCount(0);

  const [masked] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Export JSON" }).click(),
  ]);
  expect(masked.suggestedFilename()).toMatch(/^hybrid_integration-sandbox-multi-tenant-globex\.json$/);
  const maskedDocument = JSON.parse(readFileSync(await masked.path(), "utf8")) as {
    secrets: string;
    object: { name: string };
    sections: Record<string, Record<string, string>>;
  };
  expect(maskedDocument).toMatchObject({ secrets: "masked", object: { name: "hybrid_integration" } });
  expect(maskedDocument.sections.saml!.password).toBe(MASK);
  expect(maskedDocument.sections.general!.organization_sname).toBe("globex-us");

  // Secrets in clear leave the dashboard only after the operator confirms.
  await page.getByRole("button", { name: "Export with secrets" }).click();
  const confirmExport = page.getByRole("alertdialog");
  await expect(confirmExport).toContainText("in clear");
  const [revealed] = await Promise.all([
    page.waitForEvent("download"),
    confirmExport.getByRole("button", { name: "Export with secrets" }).click(),
  ]);
  expect(revealed.suggestedFilename()).toMatch(/-with-secrets\.json$/);
  const revealedDocument = JSON.parse(readFileSync(await revealed.path(), "utf8")) as typeof maskedDocument;
  expect(revealedDocument.secrets).toBe("revealed");
  expect(revealedDocument.sections.saml!.password).toBe(revealedValue);

  await page.goto("/audit?action=secret.reveal");
  await expect(page.getByTestId("audit-row").first()).toContainText(operator.email);
  await page
    .getByTestId("audit-row")
    .first()
    .getByRole("button", { name: /Details of event/ })
    .click();
  await expect(page.getByRole("dialog")).toContainText("transaction-object-export");
  await expect(page.getByRole("dialog")).not.toContainText(revealedValue);
});

test("the printable page lists every option with a box to tick, secrets masked until revealed for printing", async ({
  page,
}) => {
  await signInAs(page, operator.email, operator.password);
  await page.goto(`${checklistPath}/transaction-object`);
  await page.getByRole("link", { name: "Printable page" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "hybrid_integration for Globex" })).toBeVisible();
  await expect(page.getByTestId("section-saml").getByRole("columnheader")).toHaveText(["Option", "Value", "Entered"]);
  await expect(page.getByTestId("option-saml/password")).toContainText("••••••••");
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByRole("button", { name: "Reveal secrets for printing" }).click();
  await expect(page.getByTestId("option-saml/password").getByTestId("revealed-secret")).toHaveText(revealedValue);
  // On paper: the sheet, not the dashboard frame or the buttons.
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("button", { name: "Print" })).toBeHidden();
  await expect(page.getByRole("button", { name: /sign out/i })).toBeHidden();
  await expect(page.getByTestId("option-saml/password")).toBeVisible();
});

test("a viewer sees the secrets masked with no Reveal, and the server refuses the reveal and the export with secrets", async ({
  page,
}) => {
  await signInAs(page, viewer.email, viewer.password);
  await page.goto(checklistPath);
  await expect(page.getByTestId(`secret-${keyPassword}`)).toContainText("••••••••");
  await expect(page.getByRole("button", { name: /^Reveal/ })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^Plan/ })).toHaveCount(0);

  await page.getByRole("link", { name: "Transaction object" }).click();
  await expect(page.getByTestId("live-status")).toHaveAttribute("data-status", "same");
  await expect(page.getByRole("button", { name: /Reveal secrets|Export with secrets/ })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Export JSON" })).toBeVisible();

  const refused = await replay(page, revealRequest!);
  expect(refused).toContain('"code":"forbidden"');
  expect(refused).not.toContain(revealedValue);
  const exportResponse = await page.request.post(`/api/tenants/${checklistPath.split("/").pop()}/transaction-object`, {
    data: { revealSecrets: true },
  });
  expect(exportResponse.status()).toBe(403);
  expect(await exportResponse.text()).not.toContain(revealedValue);
  // Both attempts are on record as refused reveals.
  await page.goto(`/audit?action=secret.reveal&outcome=failure`);
  await expect(page.getByTestId("audit-row").filter({ hasText: viewer.email })).toHaveCount(2);
  await signOut(page);
});
