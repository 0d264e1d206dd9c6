import { createElement } from "react";
import { describe, expect, it } from "vitest";
import { renderStatic } from "@/components/ui/static-markup";
import type { ChecklistStep } from "@/lib/tenants/checklist";
import { ApplyAllSummary } from "./apply-all-summary";
import { SideEffects } from "./side-effects";
import { StepLastRun } from "./step-last-run";
import { ADMIN_USERS, CONNECT_ORG, EMPLOYEE_ROLE, SMOKE_TEST } from "@/lib/provisioning";

type LastRun = NonNullable<ChecklistStep["lastStepRun"]>;
const lastRun = (overrides: Partial<LastRun>): LastRun => ({
  mode: "apply",
  status: "succeeded",
  outcome: "created",
  operatorMessage: null,
  finishedAt: "2026-01-01T10:00:00.000Z",
  correlationIds: [],
  changes: [],
  ...overrides,
});
const alertOf = (page: ReturnType<typeof renderStatic>, variant: string) =>
  page.all("div").find((element) => element.getAttribute("data-variant") === variant);
const licensing = "licenses every holder of the employee role for Predictive Engagement";

describe("side effects on a step card", () => {
  it("are listed under their own heading, before anything is applied", () => {
    const page = renderStatic(createElement(SideEffects, { stepKey: EMPLOYEE_ROLE, items: [licensing] }));
    expect(page.byId("side-effects-employee-role").textContent).toBe("Apply also changes the org");
    expect(page.first("section").getAttribute("aria-labelledby")).toBe("side-effects-employee-role");
    expect(page.all("li").map((item) => item.textContent)).toEqual([licensing]);
    expect(renderStatic(createElement(SideEffects, { stepKey: "x", items: [] })).html).toBe("");
  });
});

describe("a step's last run", () => {
  it("says a step needs input in words, not as a failure, and offers the form to enter it", () => {
    const last = lastRun({
      status: "needs-input",
      outcome: null,
      operatorMessage: 'Enter a sample agent of tenant "Acme".',
    });
    const form = createElement("button", { type: "button" }, "Complete by hand");
    const page = renderStatic(createElement(StepLastRun, { last, manual: false, completeByHand: form }));
    expect(page.text()).toContain("Last apply: needs input");
    const alert = alertOf(page, "warning")!;
    expect(alert.textContent).toContain("Needs input");
    expect(alert.textContent).toContain('Enter a sample agent of tenant "Acme".');
    expect(alert.getElementsByTagName("button")[0]!.textContent).toBe("Complete by hand");
    expect(alertOf(page, "error")).toBeUndefined();
  });

  it("says why a step was not run, and what went wrong when one failed", () => {
    const reason = 'Not run: it waits for "SAML key material", which failed.';
    const passedOver = lastRun({ status: "skipped", outcome: "not-run", operatorMessage: reason });
    const notRun = renderStatic(createElement(StepLastRun, { last: passedOver, manual: false }));
    expect(notRun.text()).toContain("Last apply: not run · 2026-01-01 10:00 UTC");
    expect(notRun.text()).toContain(reason);
    const last = lastRun({
      status: "failed",
      outcome: null,
      operatorMessage: "GAX did not answer.",
      correlationIds: ["c-1"],
    });
    const alert = alertOf(renderStatic(createElement(StepLastRun, { last, manual: false })), "error")!;
    expect(alert.textContent).toContain("What went wrong");
    expect(alert.textContent).toContain("GAX did not answer.");
    expect(alert.textContent).toContain("Genesys Cloud correlation ids: c-1");
  });
});

describe("the Apply all confirmation", () => {
  const step = ({
    key,
    title,
    sideEffects,
    notices,
    applies = true,
  }: {
    key: string;
    title: string;
    sideEffects: string[];
    notices: string[] | null;
    applies?: boolean;
  }) => {
    const plan = notices ? { action: "update" as const, changes: [], waitingFor: [], notices, plannedAt: null } : null;
    return { key, title, applies, sideEffects, plan };
  };

  it("lists, per step, what Apply does in the org beyond its own objects and the notices of the last plan", () => {
    const steps = [
      step({
        key: EMPLOYEE_ROLE,
        title: "Employee role",
        sideEffects: ["licenses every holder of the employee role"],
        notices: ["3 people hold it"],
      }),
      step({ key: CONNECT_ORG, title: "Connect", sideEffects: [], notices: null }),
      step({ key: SMOKE_TEST, title: "Smoke test", sideEffects: ["auto-provisions user smoke@acme.com"], notices: [] }),
      step({ key: ADMIN_USERS, title: "Admin users", sideEffects: ["creates users"], notices: null, applies: false }),
    ];
    const page = renderStatic(createElement(ApplyAllSummary, { steps }));
    expect(page.first("h3").textContent).toBe("Apply also changes the org");
    const listed = page.all("li").flatMap((item) => item.getAttribute("data-step") ?? []);
    expect(listed).toEqual([EMPLOYEE_ROLE, SMOKE_TEST]);
    const said = [
      "Employee role",
      "licenses every holder of the employee role",
      "Note: 3 people hold it",
      "auto-provisions user smoke@acme.com",
    ];
    for (const text of said) expect(page.text()).toContain(text);
    expect(page.text()).not.toContain("creates users");
    expect(
      renderStatic(
        createElement(ApplyAllSummary, {
          steps: [step({ key: CONNECT_ORG, title: "Connect", sideEffects: [], notices: [] })],
        }),
      ).html,
    ).toBe("");
  });
});
