import { expect, type Page } from "@playwright/test";

/** Expects the page to fit its viewport's width: nothing makes the document scroll sideways. */
export async function expectNoHorizontalScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow, `the page is ${overflow} px wider than the window`).toBeLessThanOrEqual(0);
}
