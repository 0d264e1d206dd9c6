import { expect, test } from "./support/test";
import { e2eAdmin } from "./support/environment";
import { signInAs } from "./support/session";

// Bad input gets a clear answer that names the field, never a server error, and an unknown page is a 404.
test("malformed query parameters never answer 500, and name the parameter", async ({ page }) => {
  await signInAs(page, e2eAdmin.email, e2eAdmin.password);
  const overview = await page.goto("/?q=%00");
  expect(overview!.status()).toBe(200);
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();

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
