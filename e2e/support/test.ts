import { expect, test as base, type Page } from "@playwright/test";

/**
 * Waits until the document has revealed every streamed Suspense segment. For about 300 ms after a load, React 19.2
 * may keep a hidden, not yet revealed copy of a streamed segment (`<div hidden id="S:n">`) beside the copy hydration
 * rendered (react/react#37014); a strict locator would count both. Users never see the hidden copy.
 */
export async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => !document.querySelector("div[hidden][id^='S:']"));
}

/** Playwright's test, with a page whose loads (goto, reload) return once the page has settled. */
export const test = base.extend({
  page: async ({ page }, provide) => {
    const goto = page.goto.bind(page);
    const reload = page.reload.bind(page);
    page.goto = async (...args: Parameters<Page["goto"]>) => {
      const response = await goto(...args);
      await settled(page);
      return response;
    };
    page.reload = async (...args: Parameters<Page["reload"]>) => {
      const response = await reload(...args);
      await settled(page);
      return response;
    };
    await provide(page);
  },
});

export { expect };
