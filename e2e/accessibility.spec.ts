import { expect, test } from "./support/test";
import { seriousViolations } from "./support/accessibility";
import { e2eAdmin } from "./support/environment";
import { signInAs } from "./support/session";

const dashboardPages = [
  { path: "/", heading: "Overview" },
  { path: "/tenants", heading: "Tenants" },
  { path: "/audit", heading: "Audit log" },
  { path: "/network", heading: "Network" },
  { path: "/deployments", heading: "Deployments" },
  { path: "/users", heading: "Users" },
  { path: "/notifications", heading: "Notifications" },
  { path: "/settings", heading: "Settings" },
  { path: "/forbidden", heading: "Not allowed" },
];

test("the sign-in page has no serious accessibility violations", async ({ page }) => {
  await page.goto("/sign-in");
  await expect(page.getByLabel("Email")).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});

test("axe judges text as it rests, not halfway through a fade, and still flags text that rests faint", async ({
  page,
}) => {
  await page.goto("/sign-in");
  await expect(page.getByLabel("Email")).toBeVisible();
  // Like a toast sliding behind a newer one: its text fades, and mid-fade its contrast is briefly too low.
  const fade = (id: string, to: number) =>
    page.evaluate(
      ({ id, to }) => {
        const note = document.createElement("p");
        note.id = id;
        note.textContent = "A notice that fades";
        note.style.cssText = "position:fixed;top:0;left:0;color:#000;background:#fff;opacity:0.2";
        document.querySelector("main")!.append(note);
        note.getBoundingClientRect();
        note.style.transition = "opacity 1500ms linear";
        note.style.opacity = String(to);
      },
      { id, to },
    );
  await fade("fading-in", 1);
  expect(await seriousViolations(page)).toEqual([]);
  await fade("resting-faint", 0.25);
  expect((await seriousViolations(page)).map((violation) => violation.rule)).toEqual(["color-contrast"]);
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
    await page
      .getByRole("button", { name: /Details of event/ })
      .first()
      .click();
    await expect(page.getByRole("dialog")).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
  });
});

test.describe("at tablet width (768 × 1024)", () => {
  test.use({ viewport: { width: 768, height: 1024 } });

  test.beforeEach(async ({ page }) => {
    await signInAs(page, e2eAdmin.email, e2eAdmin.password);
  });

  test("every page fits the width (wide tables scroll in their own frame) and the navigation opens from its menu button", async ({
    page,
  }) => {
    const tenantPath = await page.getByTestId("tenant-row-Acme").getByRole("link").first().getAttribute("href");
    for (const path of [
      ...dashboardPages.map((entry) => entry.path),
      tenantPath!,
      `${tenantPath}/transaction-object`,
      `${tenantPath}/certificate`,
    ]) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect({ path, overflow }).toEqual({ path, overflow: 0 });
    }
    await page.getByRole("button", { name: "Open navigation menu" }).click();
    const drawer = page.getByRole("dialog");
    await drawer.getByRole("link", { name: "Audit log" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();
  });
});
