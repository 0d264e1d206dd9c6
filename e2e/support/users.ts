import { expect, type Page } from "@playwright/test";

interface E2eUser {
  email: string;
  name: string;
  password: string;
}

/** Creates a dashboard user through the Users page (the signed-in user must be an admin). */
export async function createUser(page: Page, user: E2eUser, role: "Admin" | "Operator" | "Viewer" = "Viewer") {
  await page.goto("/users");
  await page.getByRole("button", { name: "New user" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Email").fill(user.email);
  await dialog.getByLabel("Name").fill(user.name);
  if (role !== "Viewer") {
    await dialog.getByRole("combobox", { name: "Role" }).click();
    await page.getByRole("option", { name: role }).click();
  }
  await dialog.getByLabel("Initial password").fill(user.password);
  await dialog.getByRole("button", { name: "Create user" }).click();
  await expect(page.getByText(`User ${user.email} created.`)).toBeVisible();
  await page.keyboard.press("Escape");
}
