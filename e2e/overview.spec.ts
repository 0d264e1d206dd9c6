import { expect, test } from "./support/test";
import { seriousViolations } from "./support/accessibility";
import { markStepFailed } from "./support/database";
import { e2eAdmin } from "./support/environment";
import { expectNoHorizontalScroll } from "./support/layout";
import { signInAs } from "./support/session";
import { dismissToast } from "./support/toasts";
import type { Page } from "@playwright/test";

const demoTenants = ["Acme", "Globex", "Initech"];
const demoFilter = "/tenants?q=Sandbox+%28multi-tenant%29&sort=tenant&dir=desc";

test.use({ viewport: { width: 1280, height: 800 } });
test.describe.configure({ mode: "serial" });

test.beforeEach(async ({ page }) => {
  await signInAs(page, e2eAdmin.email, e2eAdmin.password);
});

/** Every counter's number, by its key: what a reload would show. */
const counters = (page: Page) =>
  page
    .locator("[data-testid^=counter-]")
    .evaluateAll((links) =>
      Object.fromEntries(
        links.map((link) => [link.getAttribute("data-testid"), link.querySelector("span")?.textContent ?? ""]),
      ),
    );

test("the overview fits a 1280 px window: no sideways page scroll, a sticky tenant column and a column chooser", async ({
  page,
}) => {
  for (const path of ["/", "/tenants"]) {
    await page.goto(path);
    await expect(page.getByTestId("tenant-row-Acme").first()).toBeVisible();
    await expectNoHorizontalScroll(page);
  }
  const newTenant = await page.getByRole("button", { name: "New tenant" }).boundingBox();
  expect(newTenant && newTenant.x + newTenant.width).toBeLessThanOrEqual(1280);
  await page.goto("/deployments");
  const addTenant = page.getByRole("button", { name: "Add tenant" }).first();
  await addTenant.scrollIntoViewIfNeeded();
  await expect(addTenant).toBeInViewport({ ratio: 1 });

  await page.goto("/tenants");
  const table = page.getByRole("table");
  const tenantLink = page.getByTestId("tenant-row-Acme").first().getByRole("link", { name: "Acme" });
  const before = await tenantLink.boundingBox();
  // Scrolled sideways as far as it goes, the table keeps the tenant's name where it was.
  await table.evaluate((element) => element.parentElement!.scrollTo({ left: 10_000 }));
  expect((await tenantLink.boundingBox())?.x).toBe(before?.x);

  await page.getByRole("button", { name: /^Columns/ }).click();
  await page.getByRole("menuitemcheckbox", { name: "Deployment" }).click();
  await page.keyboard.press("Escape");
  await expect(table.getByRole("columnheader", { name: /Deployment/ })).toHaveCount(0);
  await page.reload();
  await expect(table.getByRole("columnheader", { name: /Deployment/ })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Columns (3 hidden)" })).toBeVisible();
  await page.getByRole("button", { name: /^Columns/ }).click();
  await page.getByRole("menuitemcheckbox", { name: "Region" }).click();
  await page.getByRole("menuitemcheckbox", { name: "Deployment" }).click();
  await page.keyboard.press("Escape");
  await expect(table.getByRole("columnheader", { name: /Region/ })).toHaveCount(1);
  await expect(table.getByRole("columnheader", { name: /Deployment/ })).toHaveCount(1);
  expect(await seriousViolations(page)).toEqual([]);
});

// Acme's org is registered again by tenants.spec.ts (an org belongs to one tenant): apply the other two demo tenants.
const applied = ["Globex", "Initech"];

test("a bulk apply of the demo tenants moves the counters and rows without a reload, keeping filters, selection and scroll", async ({
  page,
}) => {
  test.setTimeout(180_000);
  // A step left failed, so the apply changes the counters for good, not only while its runs are brief.
  await markStepFailed({ deployment: "Sandbox (multi-tenant)", tenant: "Globex", stepKey: "connect-org" });
  await page.goto(demoFilter);
  for (const name of demoTenants) await expect(page.getByTestId(`tenant-row-${name}`)).toBeVisible();
  const toolbar = page.getByRole("toolbar", { name: "Bulk actions" });
  const apply = toolbar.getByRole("button", { name: "Apply" });
  // Nothing selected: the button is plain and disabled, not the primary blue.
  await expect(apply).toBeDisabled();
  const idleBackground = await apply.evaluate((element) => getComputedStyle(element).backgroundColor);

  const before = await counters(page);
  const lastRunAt = (name: string) =>
    page
      .getByTestId(`tenant-row-${name}`)
      .locator("time")
      .getAttribute("dateTime", { timeout: 1_000 })
      .catch(() => null);
  const runsBefore = Object.fromEntries(await Promise.all(applied.map(async (name) => [name, await lastRunAt(name)])));
  // A mark that goes if the page reloads.
  await page.evaluate(() => {
    (window as unknown as { sameDocument: boolean }).sameDocument = true;
  });
  for (const name of applied) await page.getByRole("checkbox", { name: `Select ${name}` }).check();
  await expect(toolbar).toContainText("2 selected");
  await expect(apply).toBeEnabled();
  expect(await apply.evaluate((element) => getComputedStyle(element).backgroundColor)).not.toBe(idleBackground);

  await apply.click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Apply" }).click();
  await dismissToast(page, "Apply queued for 2 tenants");
  await page.evaluate(() => window.scrollTo(0, 240));
  const scrolled = await page.evaluate(() => window.scrollY);
  await expect(page.getByTestId("overview-updated")).toContainText("every 2 s");

  // Each row's last run is a new one, finished, by polling alone; the counters moved on the way.
  for (const name of applied) {
    await expect.poll(async () => (await lastRunAt(name)) !== runsBefore[name], { timeout: 150_000 }).toBe(true);
    await expect(page.getByTestId(`tenant-row-${name}`)).toContainText(/Apply: (Succeeded|Needs input|Failed)/, {
      timeout: 150_000,
    });
  }
  // The counters the page shows, without a reload, are the server's counters now (after the apply mended the step
  // marked failed, they differ from those before, whatever state earlier specs left the tenants in).
  const server = (await (
    await page.request.get(`/api/tenants/overview${demoFilter.slice("/tenants".length)}`)
  ).json()) as {
    counts: { byStatus: Record<string, number>; drifted: number; certificateExpiring: number };
  };
  const expected = Object.fromEntries(
    Object.keys(before).map((key) => {
      const name = key.replace(/^counter-/, "");
      const value =
        name === "drifted"
          ? server.counts.drifted
          : name === "certificate"
            ? server.counts.certificateExpiring
            : server.counts.byStatus[name];
      return [key, String(value)];
    }),
  );
  await expect.poll(() => counters(page), { timeout: 40_000 }).toEqual(expected);
  expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
  expect(page.url()).toContain("q=Sandbox+%28multi-tenant%29");
  await expect(page.getByRole("searchbox", { name: "Search" })).toHaveValue("Sandbox (multi-tenant)");
  await expect(toolbar).toContainText("2 selected");
  for (const name of applied) await expect(page.getByRole("checkbox", { name: `Select ${name}` })).toBeChecked();
  await expect(page.getByRole("checkbox", { name: "Select Acme" })).not.toBeChecked();
  // Scroll anchoring may shift by a pixel or two when a row's chips change height; the operator's place stays.
  expect(Math.abs((await page.evaluate(() => window.scrollY)) - scrolled)).toBeLessThan(5);
});

test("the overview list exports as CSV with the page's filters, and the routes answer only signed-in users", async ({
  page,
  playwright,
}) => {
  await page.goto(demoFilter);
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^tenants-\d{8}T\d{6}Z\.csv$/);

  const response = await page.request.get(`/api/tenants/export${demoFilter.slice("/tenants".length)}`);
  expect(response.headers()["content-type"]).toContain("text/csv");
  const lines = (await response.text()).trimEnd().split("\r\n");
  expect(lines[0]).toMatch(/^tenant,deployment,region,org,status,steps_done,steps_applicable,steps_not_needed,/);
  expect(lines.slice(1).map((line) => line.split(",")[0])).toEqual([...demoTenants].reverse());

  const live = await page.request.get(`/api/tenants/overview${demoFilter.slice("/tenants".length)}`);
  const body = (await live.json()) as { page: { rows: { cfgTenantName: string }[] }; counts: { total: number } };
  expect(body.page.rows.map((row) => row.cfgTenantName)).toEqual([...demoTenants].reverse());

  const anonymous = await playwright.request.newContext({ baseURL: new URL(page.url()).origin });
  for (const path of ["/api/tenants/overview", "/api/tenants/export"])
    expect((await anonymous.get(path)).status()).toBe(401);
  await anonymous.dispose();
});

test("the overview guides a first run on the demo, and shows the re-verify schedule and the chain check's age", async ({
  page,
}) => {
  await page.goto("/");
  const guide = page.getByTestId("demo-guide");
  await expect(guide).toContainText("Rehearse on the demo deployment");
  await expect(guide).toContainText("Sandbox (multi-tenant)");
  await expect(page.getByTestId("reverify-schedule")).toContainText("0 */6 * * *");
  await expect(page.getByTestId("reverify-schedule")).toContainText(/next \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/);
  await expect(page.getByTestId("chain-checked")).toContainText(/Checked (just now|\d+ minutes? ago)/);
  await expect(page.getByTestId("tenant-row-Acme")).toContainText(/\d+ of \d+ steps done/);
  await page.waitForLoadState("networkidle");
  expect(await seriousViolations(page)).toEqual([]);

  await guide.getByRole("button", { name: "Hide this guide" }).click();
  await expect(guide).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId("tenant-row-Acme")).toBeVisible();
  await expect(page.getByTestId("demo-guide")).toHaveCount(0);
});
