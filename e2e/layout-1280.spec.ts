import type { Page } from "@playwright/test";
import { expect, test } from "./support/test";
import { seriousViolations } from "./support/accessibility";
import { e2eAdmin } from "./support/environment";
import { expectNoHorizontalScroll } from "./support/layout";
import { signIn, signInAs } from "./support/session";

test.use({ viewport: { width: 1280, height: 800 } });

// An address of the longest length the audit log keeps: it lands in the actor column and in the event's JSON.
const longEmail = `${"long-address-".repeat(20)}x@e2e.example.test`;

async function acmePath(page: Page): Promise<string> {
  await page.goto("/");
  const href = await page.getByTestId("tenant-row-Acme").getByRole("link").first().getAttribute("href");
  expect(href).toMatch(/^\/tenants\//);
  return href!;
}

test("no page but the tenants overview scrolls sideways at 1280 px", async ({ page }) => {
  await page.goto("/sign-in");
  await expect(page.getByLabel("Email")).toBeVisible();
  await expectNoHorizontalScroll(page);

  await signInAs(page, e2eAdmin.email, e2eAdmin.password);
  const tenant = await acmePath(page);
  const pages = [
    { path: "/audit", heading: "Audit log" },
    { path: "/network", heading: "Network" },
    { path: "/deployments", heading: "Deployments" },
    { path: "/users", heading: "Users" },
    { path: "/notifications", heading: "Notifications" },
    { path: "/settings", heading: "Settings" },
    { path: tenant, heading: "Acme" },
    { path: `${tenant}/certificate`, heading: /SAML certificate/ },
    { path: `${tenant}/transaction-object`, heading: /Transaction object/ },
  ];
  for (const { path, heading } of pages) {
    await test.step(path, async () => {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
      await expectNoHorizontalScroll(page);
    });
  }
});

test("the audit table shows each row's Details button, and an event's JSON wraps inside its dialog", async ({
  page,
}) => {
  await signIn(page, longEmail, "not-the-password");
  await expect(page.getByRole("alert").filter({ hasText: /Sign-in failed/ })).toBeVisible();
  await signInAs(page, e2eAdmin.email, e2eAdmin.password);

  await page.goto("/audit?action=auth.sign_in&outcome=failure");
  const row = page.getByTestId("audit-row").filter({ hasText: "long-address-long-address" });
  await expect(row).toHaveCount(1);
  await expectNoHorizontalScroll(page);
  // The table fits its frame, so no row's Details button hides past its right edge.
  const frame = page.getByRole("table").locator("xpath=..");
  expect(await frame.evaluate((element) => element.scrollWidth - element.clientWidth)).toBeLessThanOrEqual(0);
  const frameBox = (await frame.boundingBox())!;
  for (const button of await page.getByRole("button", { name: /Details of event/ }).all()) {
    const box = (await button.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(frameBox.x + frameBox.width);
  }

  const details = row.getByRole("button", { name: /Details of event/ });
  await details.click();
  const json = page.getByRole("dialog").getByLabel("Event details as JSON");
  await expect(json).toContainText("long-address-long-address");
  const sideways = await json.evaluate((element) => element.scrollWidth - element.clientWidth);
  expect(sideways, "the event's JSON scrolls sideways").toBeLessThanOrEqual(0);
  await expectNoHorizontalScroll(page);
  expect(await seriousViolations(page)).toEqual([]);
});

test("a tenant page keeps its buttons beside the title", async ({ page }) => {
  await signInAs(page, e2eAdmin.email, e2eAdmin.password);
  const tenant = await acmePath(page);
  // The certificate page has buttons once there is a certificate: e2e/certificate-rotation.spec.ts checks it.
  for (const path of [tenant, `${tenant}/transaction-object`]) {
    await test.step(path, async () => {
      await page.goto(path);
      const title = page.getByRole("heading", { level: 1 });
      await expect(title).toBeVisible();
      const titleBox = (await title.boundingBox())!;
      const actions = page.getByTestId("page-header-actions");
      await expect(actions).toBeVisible();
      const actionsBox = (await actions.boundingBox())!;
      expect(actionsBox.y, "the buttons wrap under the title").toBeLessThan(titleBox.y + titleBox.height);
      expect(actionsBox.x).toBeGreaterThan(titleBox.x + titleBox.width);
      expect(await seriousViolations(page)).toEqual([]);
    });
  }
});
