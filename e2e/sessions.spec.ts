import type { Browser, BrowserContext, Page } from "@playwright/test";
import { expect, test } from "./support/test";
import { e2eAdmin } from "./support/environment";
import { dismissToast } from "./support/toasts";
import { signInAs, signOut } from "./support/session";
import { createUser } from "./support/users";

// A session is a row in the database: sign-out, a password reset, a deactivation and an admin end it, and the cookie
// that carried it opens nothing any more, even when replayed.
const stamp = Date.now();
const person = (name: string) => ({
  email: `session-${name}-${stamp}@e2e.example.test`,
  name: `Session ${name}`,
  password: `session-${name}-password-42`,
});
const signsOut = person("signs-out");
const reset = person("reset");
const deactivated = person("deactivated");
const ended = person("ended");

test.describe.configure({ mode: "serial" });

/** Signs the user in, in a browser context of their own, and returns the context (the "stolen" cookies). */
async function signedInContext(
  browser: Browser,
  user: { email: string; password: string },
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInAs(page, user.email, user.password);
  return { context, page };
}

/** The cookies of a context, replayed in a fresh one: the dashboard must send it to sign-in. */
async function replayedCookiesAreRefused(browser: Browser, cookies: Awaited<ReturnType<BrowserContext["cookies"]>>) {
  const replay = await browser.newContext();
  await replay.addCookies(cookies);
  const page = await replay.newPage();
  await page.goto("/tenants");
  await expect(page).toHaveURL(/\/sign-in/);
  await replay.close();
}

async function confirmRowAction(
  page: Page,
  { email, button, confirm }: { email: string; button: string; confirm: string },
) {
  await page.goto("/users");
  await page.getByTestId(`user-row-${email}`).getByRole("button", { name: button }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: confirm }).click();
}

test("an admin adds the users", async ({ page }) => {
  await signInAs(page, e2eAdmin.email, e2eAdmin.password);
  for (const user of [signsOut, reset, deactivated, ended]) await createUser(page, user, "Operator");
});

test("after sign-out, the old session cookie no longer opens the dashboard", async ({ browser }) => {
  const { context, page } = await signedInContext(browser, signsOut);
  const cookies = await context.cookies();
  await signOut(page);
  await replayedCookiesAreRefused(browser, cookies);
  await context.close();
});

test("after an admin resets the password, the user's open session ends", async ({ browser, page }) => {
  const { context, page: userPage } = await signedInContext(browser, reset);
  await signInAs(page, e2eAdmin.email, e2eAdmin.password);
  await confirmRowAction(page, {
    email: reset.email,
    button: `Reset password of ${reset.email}`,
    confirm: "Reset password",
  });
  await expect(page.getByText(`New password set for ${reset.email}.`)).toBeVisible();
  await userPage.goto("/tenants");
  await expect(userPage).toHaveURL(/\/sign-in/);
  await context.close();
});

test("a deactivated user's session does not come back when the account is activated again", async ({
  browser,
  page,
}) => {
  const { context } = await signedInContext(browser, deactivated);
  const cookies = await context.cookies();
  await signInAs(page, e2eAdmin.email, e2eAdmin.password);
  await confirmRowAction(page, {
    email: deactivated.email,
    button: `Deactivate ${deactivated.email}`,
    confirm: "Deactivate",
  });
  await dismissToast(page, `${deactivated.email} can no longer sign in.`);
  await confirmRowAction(page, {
    email: deactivated.email,
    button: `Activate ${deactivated.email}`,
    confirm: "Activate",
  });
  await expect(page.getByText(`${deactivated.email} can sign in again.`)).toBeVisible();
  await replayedCookiesAreRefused(browser, cookies);
  await context.close();
});

test("an admin sees a user's open sessions and ends them all", async ({ browser, page }) => {
  const first = await signedInContext(browser, ended);
  const second = await signedInContext(browser, ended);
  await signInAs(page, e2eAdmin.email, e2eAdmin.password);
  await page.goto("/users");
  const row = page.getByTestId(`user-row-${ended.email}`);
  await expect(row.getByRole("cell").nth(6)).toHaveText("2");
  await confirmRowAction(page, {
    email: ended.email,
    button: `End sessions of ${ended.email}`,
    confirm: "End sessions",
  });
  await expect(page.getByText(`2 sessions of ${ended.email} ended.`)).toBeVisible();
  await expect(row.getByRole("cell").nth(6)).toHaveText("0");
  await expect(row.getByRole("button", { name: `End sessions of ${ended.email}` })).toBeDisabled();
  for (const { context, page: userPage } of [first, second]) {
    await userPage.goto("/tenants");
    await expect(userPage).toHaveURL(/\/sign-in/);
    await context.close();
  }
  await page.goto("/audit?action=user.end_sessions");
  await expect(page.getByTestId("audit-row").first()).toContainText(ended.email);
});
