import type { Page } from "@playwright/test";
import { expect, test } from "./support/test";
import { seriousViolations } from "./support/accessibility";
import { e2eAdmin } from "./support/environment";
import { signInAs } from "./support/session";

test.use({ viewport: { width: 1280, height: 800 } });

const pageBackground = (page: Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);

test("every page has the product's icon, served without a session", async ({ page, request }) => {
  await page.goto("/sign-in");
  const href = await page.locator("link[rel=icon]").first().getAttribute("href");
  expect(href).toMatch(/^\/icon\.svg/);
  const icon = await request.get(href!);
  expect(icon.status()).toBe(200);
  expect(icon.headers()["content-type"]).toMatch(/^image\/svg\+xml/);
  expect(await icon.text()).toContain("<svg");
});

test("the theme follows the system setting, and dark pages have no serious accessibility violations", async ({
  page,
}) => {
  test.setTimeout(180_000);
  await page.emulateMedia({ colorScheme: "light" });
  await page.goto("/sign-in");
  expect(await pageBackground(page)).toBe("rgb(246, 247, 249)");

  await page.emulateMedia({ colorScheme: "dark" });
  expect(await pageBackground(page)).toBe("rgb(11, 17, 32)");
  expect(await seriousViolations(page)).toEqual([]);

  await signInAs(page, e2eAdmin.email, e2eAdmin.password);
  const tenant = await page.getByTestId("tenant-row-Acme").getByRole("link").first().getAttribute("href");
  for (const path of [
    "/",
    "/audit",
    "/network",
    "/deployments",
    "/users",
    "/settings",
    tenant!,
    `${tenant}/certificate`,
    `${tenant}/transaction-object`,
  ]) {
    await test.step(path, async () => {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await page.waitForLoadState("networkidle");
      expect(await pageBackground(page)).toBe("rgb(11, 17, 32)");
      expect(await seriousViolations(page)).toEqual([]);
    });
  }

  await page.goto("/audit");
  await page
    .getByRole("button", { name: /Details of event/ })
    .first()
    .click();
  await expect(page.getByRole("dialog")).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});
