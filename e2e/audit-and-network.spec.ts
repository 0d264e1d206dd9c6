import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { expect, test } from "./support/test";
import { seriousViolations } from "./support/accessibility";
import { e2eAdmin } from "./support/environment";
import { expectNoHorizontalScroll } from "./support/layout";
import { signIn, signInAs } from "./support/session";

test.describe.configure({ mode: "serial" });

/**
 * The audit page's filter form, as the user sees it. Locators go through the accessibility tree on purpose: for about
 * 300 ms after a load, React 19.2 may keep a hidden, not yet revealed copy of a streamed Suspense segment in the DOM
 * beside the hydrated one (react/react#37014), which a DOM-wide query counts twice.
 */
const filterForm = (page: Page) => page.getByRole("search", { name: "Filter the audit log" });

async function chooseOption(page: Page, label: string, option: string) {
  await filterForm(page).getByRole("combobox", { name: label, exact: true }).click();
  await page.getByRole("option", { name: option, exact: true }).click();
}

test("the audit log filters by action, outcome and text, keeps the filters in the URL, and shows an event's details", async ({
  page,
}) => {
  // One failed sign-in, so there is a failure to find.
  await signIn(page, "nobody-audit@e2e.example.test", "not-a-password");
  await expect(page.getByRole("alert").filter({ hasText: /Sign-in failed/ })).toBeVisible();
  await signInAs(page, e2eAdmin.email, e2eAdmin.password);

  await page.goto("/audit");
  await expect(page.getByRole("heading", { name: "Audit log" })).toBeVisible();
  await expect(page.getByTestId("chain-status")).toContainText("Chain intact");

  await chooseOption(page, "Action", "auth.sign_in");
  await chooseOption(page, "Outcome", "Failure");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/action=auth\.sign_in/);
  await expect(page).toHaveURL(/outcome=failure/);
  const rows = page.getByTestId("audit-row");
  await expect(rows.first()).toBeVisible();
  for (const row of await rows.all()) {
    await expect(row).toContainText("auth.sign_in");
    await expect(row).toContainText("Failure");
  }
  await expect(rows.filter({ hasText: "nobody-audit@e2e.example.test" })).toHaveCount(1);

  // The URL alone restores the view, and the form shows it.
  await page.reload();
  await expect(filterForm(page).getByRole("combobox", { name: "Action", exact: true })).toContainText("auth.sign_in");
  await expect(page.getByTestId("audit-row").first()).toContainText("Failure");

  await page.goto("/audit");
  await filterForm(page).getByRole("searchbox", { name: "Search" }).fill("NOBODY-AUDIT");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/q=NOBODY-AUDIT/);
  await expect(page.getByTestId("audit-row")).toHaveCount(1);

  await page.getByRole("button", { name: /Details of event/ }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByRole("heading", { name: /Event #\d+/ })).toBeVisible();
  await expect(dialog).toContainText("Details (redacted)");
  await expect(dialog).toContainText("bad_credentials");
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
});

test("the audit log explains bad filters and empty results", async ({ page }) => {
  await signInAs(page, e2eAdmin.email, e2eAdmin.password);
  await page.goto("/audit?q=ab&outcome=maybe");
  await expect(filterForm(page).getByText("needs at least 3 characters")).toBeVisible();
  await expect(filterForm(page).getByText("must be success or failure")).toBeVisible();
  await expect(page.getByRole("alert").filter({ hasText: "Some filters need attention" })).toBeVisible();

  await page.goto("/audit?q=no-such-event-anywhere");
  await expect(page.getByRole("main").getByText("No events match these filters")).toBeVisible();
  await page.getByRole("link", { name: "Clear filters" }).first().click();
  await expect(page).toHaveURL(/\/audit$/);
  await expect(page.getByTestId("audit-row").first()).toBeVisible();
});

test("the audit CSV export carries the page's filters and needs a session", async ({ page, request }) => {
  await signInAs(page, e2eAdmin.email, e2eAdmin.password);
  await page.goto("/audit?action=auth.sign_in");
  const downloadPromise = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV" }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toMatch(/^audit-log-\d{8}T\d{6}Z\.csv$/);
  const lines = readFileSync((await download.path())!, "utf8")
    .trimEnd()
    .split("\r\n");
  expect(lines[0]).toBe(
    "seq,occurred_at,actor_email,actor_role,client_address,user_agent,action,target_type,target_id,target_label,outcome,details,prev_hash,chain_key,hash",
  );
  expect(lines.length).toBeGreaterThan(1);
  // The user agent column holds quoted commas, so look for the action as a whole cell.
  for (const line of lines.slice(1)) expect(line).toMatch(/,auth\.sign_in,(user)?,/);

  const bad = await page.request.get("/api/audit/export?from=yesterday");
  expect(bad.status()).toBe(400);
  expect((await bad.json()).fieldErrors.from[0]).toMatch(/must be a date and time/);

  const anonymous = await request.get("/api/audit/export");
  expect(anonymous.status()).toBe(401);
});

test("the network page lists every region's hosts with reasons, exports them, and offers the probe", async ({
  page,
  request,
}) => {
  await signInAs(page, e2eAdmin.email, e2eAdmin.password);
  await page.getByRole("link", { name: "Network" }).click();
  await expect(page.getByRole("heading", { name: "Network" })).toBeVisible();
  const ireland = page.getByTestId("allow-list-eu-west-1");
  await expect(ireland).toContainText("login.mypurecloud.ie");
  await expect(ireland).toContainText("OAuth token endpoint");
  await expect(ireland).toContainText("streaming.mypurecloud.ie");
  await expect(ireland).toContainText("TCP 443");

  const downloadPromise = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV" }).click();
  const csv = readFileSync((await (await downloadPromise).path())!, "utf8").split("\r\n");
  expect(csv[0]).toBe("region,region_name,service,host,port,protocol,direction,purpose");
  expect(csv).toContain(
    "eu-west-1,EU (Ireland),apps,apps.mypurecloud.ie,443,TCP,outbound,Web UI and the Predictive Engagement tracker script",
  );

  const json = await page.request.get("/api/network/allow-list?format=json&region=eu-west-1");
  expect(json.status()).toBe(200);
  expect((await json.json()).rules.map((rule: { host: string }) => rule.host)).toEqual([
    "login.mypurecloud.ie",
    "api.mypurecloud.ie",
    "apps.mypurecloud.ie",
    "streaming.mypurecloud.ie",
  ]);
  expect((await page.request.get("/api/network/allow-list?format=xml")).status()).toBe(400);
  expect((await request.get("/api/network/allow-list?format=csv")).status()).toBe(401);

  // Probing would send DNS queries off this machine, so the test stops at the control.
  await expect(page.getByLabel("Region", { exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Run probe" })).toBeEnabled();
});

test.describe("at 1280 × 800", () => {
  test.use({ viewport: { width: 1280, height: 800 } });

  test("the network page shows the registered tenants' regions by default, and the regions an operator picks", async ({
    page,
  }) => {
    await signInAs(page, e2eAdmin.email, e2eAdmin.password);
    await page.goto("/network");
    const filter = page.getByRole("form", { name: "Filter by region" });
    await expect(filter).toContainText("Showing the regions of registered tenants.");
    for (const region of ["us-east-1", "eu-west-1", "ap-southeast-2"]) {
      await expect(page.getByTestId(`allow-list-${region}`)).toBeVisible();
    }
    await expect(page.getByTestId("allow-list-ap-northeast-1")).toHaveCount(0);
    await expect(filter.getByRole("checkbox", { name: "EU (Ireland) (eu-west-1)" })).toBeChecked();
    await expect(filter.getByRole("checkbox", { name: "Asia Pacific (Tokyo) (ap-northeast-1)" })).not.toBeChecked();
    await expect(page.getByRole("link", { name: "Export CSV" })).toHaveAttribute("href", /region=eu-west-1/);
    await expectNoHorizontalScroll(page);
    expect(await seriousViolations(page)).toEqual([]);

    for (const name of [
      "US East (N. Virginia) (us-east-1)",
      "EU (Ireland) (eu-west-1)",
      "Asia Pacific (Sydney) (ap-southeast-2)",
    ])
      await filter.getByRole("checkbox", { name }).click();
    await filter.getByRole("checkbox", { name: "Asia Pacific (Tokyo) (ap-northeast-1)" }).click();
    await filter.getByRole("button", { name: "Show these regions" }).click();
    await expect(page).toHaveURL(/\/network\?region=ap-northeast-1$/);
    await expect(page.getByTestId("allow-list-ap-northeast-1")).toContainText("api.mypurecloud.jp");
    await expect(page.getByTestId("allow-list-eu-west-1")).toHaveCount(0);
    await expect(filter).toContainText("Showing the regions you chose.");
    await expect(page.getByRole("link", { name: "Export JSON" })).toHaveAttribute(
      "href",
      "/api/network/allow-list?format=json&region=ap-northeast-1",
    );
    await expect(page.getByRole("combobox", { name: "Region", exact: true })).toContainText("Asia Pacific (Tokyo)");

    await filter.getByRole("link", { name: "All regions" }).click();
    await expect(page).toHaveURL(/region=all/);
    await expect(page.getByTestId("allow-list-eu-central-1")).toBeVisible();
    await expect(page.getByRole("link", { name: "Export CSV" })).toHaveAttribute(
      "href",
      "/api/network/allow-list?format=csv",
    );

    await page.goto("/network?region=moon-1");
    await expect(
      page.getByRole("alert").filter({ hasText: 'region: "moon-1" is not a Genesys Cloud region id' }),
    ).toBeVisible();
    await expect(page.getByTestId("allow-list-eu-west-1")).toBeVisible();
  });
});
