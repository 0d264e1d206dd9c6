import { expect, test } from "./support/test";
import { e2eAdmin } from "./support/environment";
import { recordServerActions } from "./support/server-actions";
import { signInAs } from "./support/session";
import { dismissToast } from "./support/toasts";

// Bad input gets a clear answer that names the field, never a server error, and an unknown page is a 404.
test("malformed query parameters never answer 500, and name the parameter", async ({ page }) => {
  await signInAs(page, e2eAdmin.email, e2eAdmin.password);
  const overview = await page.goto("/?q=%00");
  expect(overview!.status()).toBe(200);
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  await expect(page.getByRole("alert").filter({ hasText: "Some filters were ignored" })).toContainText(
    "Search (q) must not contain control characters or line breaks; it was ignored.",
  );

  for (const query of ["before=9223372036854775808", "from=0000-01-01", "q=%00abc"]) {
    const response = await page.goto(`/audit?${query}`);
    expect(response!.status(), query).toBeLessThan(500);
    await expect(page.getByText("Some filters need attention"), query).toBeVisible();
  }
  await page.goto("/audit?from=0000-01-01");
  await expect(page.getByText("must be between the years 1970 and 9999")).toBeVisible();

  const exported = await page.request.get("/api/audit/export?from=0000-01-01");
  expect(exported.status()).toBe(400);
  expect(await exported.json()).toMatchObject({
    code: "invalid_input",
    fieldErrors: { from: ["must be between the years 1970 and 9999"] },
  });
});

test("an unknown page answers 404", async ({ page }) => {
  await signInAs(page, e2eAdmin.email, e2eAdmin.password);
  expect((await page.goto("/no-such-page"))!.status()).toBe(404);
  expect((await page.goto("/tenants/00000000-0000-4000-8000-000000000000"))!.status()).toBe(404);
});

test("a malformed server action call gets a clear 400, not a server error", async ({ page }) => {
  await signInAs(page, e2eAdmin.email, e2eAdmin.password);
  const recorded = recordServerActions(page);
  await page.goto("/users");
  const email = `malformed-${Date.now()}@e2e.example.test`;
  await page.getByRole("button", { name: "New user" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Email").fill(email);
  await dialog.getByLabel("Name").fill("Mal Formed");
  await dialog.getByLabel("Initial password").fill("a-long-enough-password-123");
  await dialog.getByRole("button", { name: "Create user" }).click();
  await dismissToast(page, `User ${email} created.`);
  const action = recorded.at(-1)!;

  for (const body of ["garbage{{", "[1,2", '{"not":"a list"}']) {
    const answer = await page.request.post(action.url, { headers: action.headers, data: body });
    expect(answer.status(), body).toBe(400);
    expect(await answer.json()).toEqual({
      code: "invalid_input",
      error: "The request body is not a well-formed server action call. Reload the page and try again.",
    });
  }
});
