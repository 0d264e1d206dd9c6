import { expect, type Page } from "@playwright/test";

/**
 * Expects a toast with this text, then closes it. A toast sits over the bottom-right corner, where table rows keep
 * their action buttons; left open, the next click's pointer rests on it, which pauses its timer, so it never leaves.
 */
export async function dismissToast(page: Page, text: string | RegExp): Promise<void> {
  const toast = page
    .getByRole("region", { name: /Notifications/ })
    .getByRole("listitem")
    .filter({ hasText: text });
  await expect(toast).toBeVisible();
  await toast.getByRole("button", { name: "Close toast" }).click();
  await expect(toast).toBeHidden();
}
