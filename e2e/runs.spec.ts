import { expect, test } from "./support/test";
import { seriousViolations } from "./support/accessibility";
import { insertQueuedRun, insertTenantThatCannotRun } from "./support/database";
import { e2eAdmin } from "./support/environment";
import { expectNoHorizontalScroll } from "./support/layout";
import { recordServerActions, replay, type RecordedAction } from "./support/server-actions";
import { signInAs, signOut } from "./support/session";
import { createUser } from "./support/users";
import { dismissToast } from "./support/toasts";

// Its own deployment and tenant, so no other spec sees the runs this one leaves behind.
const names = { deployment: "E2E runs that cannot start", tenant: "Nowhere" };
let checklistPath = "";
let cancelRequest: RecordedAction | undefined;
const viewer = { email: "viewer-runs@e2e.example.test", name: "Runs Viewer", password: "viewer-runs-password-1234" };

test.use({ viewport: { width: 1280, height: 800 } });
test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  checklistPath = `/tenants/${await insertTenantThatCannotRun(names)}`;
});

test("a run with settings that cannot run ends failed with its message, and stays after a reload", async ({ page }) => {
  await signInAs(page, e2eAdmin.email, e2eAdmin.password);
  await page.goto(checklistPath);
  await expect(page.getByRole("heading", { level: 1, name: names.tenant })).toBeVisible();
  await expect(page.getByTestId("run-state")).toContainText("Nothing has run yet.");

  await page.getByRole("button", { name: "Apply all" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Apply all" }).click();
  await dismissToast(page, "Apply queued");

  const runState = page.getByTestId("run-state");
  const message = /settings\.redirectUri is required when the tenant has no Genesys Cloud region/;
  await expect(runState).toContainText("Last run: Apply failed", { timeout: 30_000 });
  await expect(runState.getByTestId("last-run-message")).toContainText(message);
  await expect(runState.getByTestId("last-run-message")).toContainText("Correct the tenant's settings");
  await dismissToast(page, "Apply failed");
  const row = page.getByTestId("run-row").first();
  await expect(row).toContainText("Failed");
  await expect(row).toContainText(message);
  expect(await seriousViolations(page)).toEqual([]);
  await expectNoHorizontalScroll(page);

  // The run is a row: it is there after a reload, as is its audit trail.
  await page.reload();
  await expect(page.getByTestId("run-row").first()).toContainText(message);
  await page.goto(`/audit?q=${encodeURIComponent(names.tenant)}`);
  // The run's events fold under its run.finish row; its queueing is among them.
  const run = page.getByTestId("audit-run").filter({ hasText: "run.finish" });
  await expect(run).toHaveCount(1);
  await run.getByRole("button", { name: /^Show \d+ more events? of this run$/ }).click();
  await expect(run.getByTestId("audit-row").filter({ hasText: "run.queue" })).toHaveCount(1);
});

test("a queued run shows how long it has waited, after a reload too, and an operator cancels it", async ({ page }) => {
  await insertQueuedRun(checklistPath.split("/").at(-1)!, 75);
  const actions = recordServerActions(page);
  await signInAs(page, e2eAdmin.email, e2eAdmin.password);
  await page.goto(checklistPath);
  const runState = page.getByTestId("run-state");
  await expect(runState).toContainText("Verify queued");
  await expect(runState.getByTestId("queued-for")).toHaveText(/^Queued 1 min [1-5]\d s$/);
  // Nothing else can be asked for while it waits.
  await expect(page.getByRole("button", { name: "Apply all" })).toBeDisabled();
  expect(await seriousViolations(page)).toEqual([]);

  await runState.getByRole("button", { name: "Cancel the verify run" }).click();
  const dialog = page.getByRole("alertdialog");
  await expect(dialog).toContainText("It has not started: it ends cancelled at once and nothing is changed.");
  await dialog.getByRole("button", { name: "Cancel run" }).click();
  // One toast: the button's, replaced by the run's end.
  await dismissToast(page, "Verify cancelled");
  cancelRequest = actions.find((action) => action.body.includes('"runId"'));
  expect(cancelRequest).toBeDefined();
  const verifyRow = page.getByTestId("run-row").filter({ hasText: "Verify" });
  await expect(verifyRow).toContainText("Cancelled");
  await expect(verifyRow).toContainText(`Cancelled by ${e2eAdmin.email} before it started.`);
  await expect(runState).not.toContainText("Verify queued");
  await expect(page.getByRole("button", { name: "Apply all" })).toBeEnabled();
  await page.reload();
  await expect(page.getByTestId("run-row").filter({ hasText: "Verify" })).toContainText("Cancelled");
});

test("a viewer sees a queued run but no Cancel, and the server refuses the viewer's cancel", async ({ page }) => {
  await signInAs(page, e2eAdmin.email, e2eAdmin.password);
  await createUser(page, viewer, "Viewer");
  await signOut(page);
  const runId = await insertQueuedRun(checklistPath.split("/").at(-1)!, 5);

  await signInAs(page, viewer.email, viewer.password);
  await page.goto(checklistPath);
  const runState = page.getByTestId("run-state");
  await expect(runState).toContainText("Verify queued");
  await expect(page.getByRole("button", { name: /Cancel the/ })).toHaveCount(0);
  const previousRunId = /"runId":"([0-9a-f-]+)"/.exec(cancelRequest!.body)![1]!;
  const refused = await replay(page, { ...cancelRequest!, body: cancelRequest!.body.replace(previousRunId, runId) });
  expect(refused).toContain('"code":"forbidden"');
  await page.reload();
  await expect(page.getByTestId("run-state")).toContainText("Verify queued");
  expect(await seriousViolations(page)).toEqual([]);
});
