import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { e2eAdmin } from "./support/environment";
import { signInAs } from "./support/session";

const dashboardPages = [
  { path: "/", heading: "Overview" },
  { path: "/tenants", heading: "Tenants" },
  { path: "/audit", heading: "Audit log" },
  { path: "/network", heading: "Network" },
  { path: "/deployments", heading: "Deployments" },
  { path: "/users", heading: "Users" },
  { path: "/settings", heading: "Settings" },
  { path: "/forbidden", heading: "Not allowed" },
];

/** Serious and critical WCAG 2.1 A/AA violations, in a form that names the rule and the elements. */
async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => ({ rule: violation.id, impact: violation.impact, help: violation.help, targets: violation.nodes.map((node) => node.target.join(" ")) }));
}

test("the sign-in page has no serious accessibility violations", async ({ page }) => {
  await page.goto("/sign-in");
  await expect(page.getByLabel("Email")).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});

test.describe("signed in as an admin", () => {
  test.beforeEach(async ({ page }) => {
    await signInAs(page, e2eAdmin.email, e2eAdmin.password);
  });

  for (const { path, heading } of dashboardPages) {
    test(`${path} has no serious accessibility violations`, async ({ page }) => {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
      await page.waitForLoadState("networkidle");
      expect(await seriousViolations(page)).toEqual([]);
    });
  }

  test("the audit event detail dialog has no serious accessibility violations", async ({ page }) => {
    await page.goto("/audit");
    await page.getByRole("button", { name: /Details of event/ }).first().click();
    await expect(page.getByRole("dialog")).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
  });
});
