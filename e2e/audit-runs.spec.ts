import { expect, test } from "./support/test";
import { seriousViolations } from "./support/accessibility";
import { e2eAdmin } from "./support/environment";
import { expectNoHorizontalScroll } from "./support/layout";
import { signInAs } from "./support/session";

test.use({ viewport: { width: 1280, height: 800 } });

test("the audit log folds a run's step events under the run, and opens them on request", async ({ page }) => {
  test.setTimeout(120_000);
  await signInAs(page, e2eAdmin.email, e2eAdmin.password);
  await page.goto("/tenants?q=Initech");
  await page.getByTestId("tenant-row-Initech").getByRole("link", { name: "Initech" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Initech" })).toBeVisible();
  const tenantId = new URL(page.url()).pathname.split("/")[2]!;

  await page.getByRole("button", { name: "Apply Connect the Genesys Cloud org" }).click();
  // A single-step Apply may ask first.
  const confirm = page.getByRole("alertdialog");
  const queued = page.getByText(/queued/i).first();
  await expect(confirm.or(queued)).toBeVisible();
  if (await confirm.isVisible()) await confirm.getByRole("button", { name: /^Apply/ }).click();

  const tenantLog = `/audit?targetType=tenant&targetId=${tenantId}`;
  const run = page.getByTestId("audit-run").filter({ hasText: "run.finish" });
  await expect(async () => {
    await page.goto(tenantLog);
    await expect(run).toHaveCount(1, { timeout: 1_000 });
  }).toPass({ timeout: 90_000 });

  // Folded: only the run's own row shows, with the control that opens the rest.
  await expect(run.getByTestId("audit-row")).toHaveCount(1);
  const toggle = run.getByRole("button", { name: /^Show \d+ more events of this run$/ });
  await expect(toggle).toHaveAttribute("aria-expanded", "false");
  await expect(page.getByTestId("audit-row").filter({ hasText: "step.succeed" })).toHaveCount(0);

  await toggle.click();
  await expect(run.getByRole("button", { name: /^Hide \d+ more events of this run$/ })).toHaveAttribute(
    "aria-expanded",
    "true",
  );
  for (const action of ["step.start", "step.succeed", "run.start"]) {
    await expect(run.getByTestId("audit-row").filter({ hasText: action }).first()).toBeVisible();
  }
  await expectNoHorizontalScroll(page);
  expect(await seriousViolations(page)).toEqual([]);

  // A filter that leaves one event of the run shows it on its own row; the export keeps the page's filters.
  await page.goto(`${tenantLog}&action=step.succeed`);
  await expect(page.getByTestId("audit-row").first()).toContainText("step.succeed");
  await expect(page.getByTestId("audit-run")).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Export CSV" })).toHaveAttribute("href", /action=step\.succeed/);
});
