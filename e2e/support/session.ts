import { expect, type Page } from "@playwright/test";
import { settled } from "./test";

export async function signIn(page: Page, email: string, password: string) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

export async function signInAs(page: Page, email: string, password: string) {
  await signIn(page, email, password);
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  await settled(page);
}

export async function signOut(page: Page) {
  await page.getByRole("button", { name: /sign out/i }).click();
  await expect(page).toHaveURL(/\/sign-in/);
}
