import { expect, type Page } from "@playwright/test";
import { SANDBOX_AGENT_PASSWORD } from "../../sandbox/gax/default-seed";

/**
 * Enters the isolation check's sample agent (a GAX sandbox agent, e.g. "acme.agent1") through the step's generated
 * form, on a checklist page; nothing to do on a single-tenant deployment, where the step does not appear.
 */
export async function enterIsolationAgent(page: Page, username: string) {
  const isolation = page.getByTestId("step-tenant-isolation");
  if ((await isolation.count()) === 0) return;
  await isolation.getByRole("button", { name: /Mark .* as done manually/ }).click();
  const manual = page.getByRole("dialog");
  await manual.getByRole("textbox", { name: "Username" }).fill(username);
  await manual.locator("input[name=password]").fill(SANDBOX_AGENT_PASSWORD);
  await manual.getByRole("button", { name: "Check and complete" }).click();
  await expect(manual).toHaveCount(0);
}

/** Unfolds a step's details on the checklist (done steps are folded to their title, status and last run). */
export async function showStepDetails(page: Page, stepKey: string) {
  const toggle = page.getByTestId(`step-${stepKey}`).getByRole("button", { name: /^Show details of / });
  if ((await toggle.count()) > 0) await toggle.click();
  await expect(page.locator(`#step-details-${stepKey}`)).toBeVisible();
}
