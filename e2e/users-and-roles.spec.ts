import { expect, test } from "./support/test";
import { e2eAdmin } from "./support/environment";
import { dismissToast } from "./support/toasts";
import { recordServerActions, replay, type RecordedAction } from "./support/server-actions";
import { signIn, signInAs, signOut } from "./support/session";

const viewer = {
  email: `viewer-${Date.now()}@e2e.example.test`,
  name: "Vera Viewer",
  password: "viewer-password-5678",
};
const genericError = /Sign-in failed\. Check your email and password/;

test.describe.configure({ mode: "serial" });

let adminActions: RecordedAction[] = [];

test("a wrong password and an unknown account get the same generic error", async ({ page }) => {
  await signIn(page, e2eAdmin.email, "not-the-password");
  await expect(page.getByRole("alert").filter({ hasText: genericError })).toBeVisible();
  await signIn(page, "nobody-here@e2e.example.test", "whatever-password");
  await expect(page.getByRole("alert").filter({ hasText: genericError })).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in/);
});

test("an admin creates a viewer, and every mutation is recorded", async ({ page }) => {
  adminActions = recordServerActions(page);
  await signInAs(page, e2eAdmin.email, e2eAdmin.password);
  await page.getByRole("link", { name: "Users" }).click();
  await expect(page.getByRole("heading", { name: "Users" })).toBeVisible();

  await page.getByRole("button", { name: "New user" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Email").fill(viewer.email);
  await dialog.getByLabel("Name").fill(viewer.name);
  await dialog.getByLabel("Initial password").fill(viewer.password);
  await dialog.getByRole("button", { name: "Create user" }).click();
  await dismissToast(page, `User ${viewer.email} created.`);
  const row = page.getByTestId(`user-row-${viewer.email}`);
  await expect(row).toContainText("Viewer");

  // Exercise the other mutations once so their calls can be replayed as the viewer later.
  await row.getByRole("button", { name: `Edit ${viewer.email}` }).click();
  await page.getByRole("dialog").getByLabel("Name").fill("Vera V. Viewer");
  await page.getByRole("dialog").getByRole("button", { name: "Save" }).click();
  await expect(row).toContainText("Vera V. Viewer");
  await dismissToast(page, `${viewer.email} updated.`);

  await row.getByRole("button", { name: `Reset password of ${viewer.email}` }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Reset password" }).click();
  const newPassword = (await page.getByTestId("one-time-secret").textContent())!.trim();
  expect(newPassword.length).toBeGreaterThanOrEqual(24);
  viewer.password = newPassword;
  await page.getByRole("dialog").getByRole("button", { name: "Done" }).click();
  await dismissToast(page, `New password set for ${viewer.email}.`);

  await row.getByRole("button", { name: `Deactivate ${viewer.email}` }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Deactivate" }).click();
  await expect(row).toContainText("Deactivated");
  await dismissToast(page, `${viewer.email} can no longer sign in.`);
  await row.getByRole("button", { name: `Activate ${viewer.email}` }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Activate" }).click();
  await expect(row).toContainText("Active");
  expect(adminActions.length).toBeGreaterThanOrEqual(5);

  await page.getByRole("link", { name: "Audit log" }).click();
  const rows = page.getByTestId("audit-row");
  for (const action of [
    "user.create",
    "user.update",
    "user.reset_password",
    "user.deactivate",
    "user.activate",
    "auth.sign_in",
  ]) {
    await expect(rows.filter({ hasText: action }).first()).toBeVisible();
  }
  await expect(rows.filter({ hasText: "auth.sign_in" }).filter({ hasText: "Failure" }).first()).toBeVisible();
  await expect(page.getByText(/Chain intact/)).toBeVisible();
  await signOut(page);
});

test("a viewer can look but not touch: no Users page, and every mutating action is refused on the server", async ({
  page,
}) => {
  expect(adminActions.length).toBeGreaterThanOrEqual(5);
  await signInAs(page, viewer.email, viewer.password);
  await expect(page.getByRole("navigation").getByRole("link", { name: "Users" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Audit log" }).first()).toBeVisible();

  await page.goto("/users");
  await expect(page.getByRole("heading", { name: "Not allowed" })).toBeVisible();
  await expect(page.getByText("Your role does not allow this page")).toBeVisible();

  for (const action of adminActions) {
    const answer = await replay(page, action);
    expect(answer).toContain('"code":"forbidden"');
  }
  await signOut(page);

  await signInAs(page, e2eAdmin.email, e2eAdmin.password);
  await page.goto("/audit");
  await expect(page.getByTestId("audit-row").filter({ hasText: "auth.sign_out" }).first()).toBeVisible();
  await page.goto("/users");
  // The viewer's replays changed nothing: still one account for that email, with the name the admin gave.
  await expect(page.getByTestId(`user-row-${viewer.email}`)).toHaveCount(1);
  await expect(page.getByTestId(`user-row-${viewer.email}`)).toContainText("Vera V. Viewer");
});

test("the health check answers, and the readiness check finds the database, the migrations and the worker", async ({
  request,
}) => {
  const health = await request.get("/api/health");
  expect(health.status()).toBe(200);
  expect(await health.json()).toEqual({ status: "ok" });
  const ready = await request.get("/api/ready");
  expect(ready.status()).toBe(200);
  expect(await ready.json()).toEqual({
    status: "ready",
    checks: { database: { ok: true }, migrations: { ok: true }, worker: { ok: true } },
  });
});
