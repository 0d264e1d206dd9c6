import { createElement } from "react";
import { describe, expect, it } from "vitest";
import { renderStatic } from "@/components/ui/static-markup";
import type { ChecklistPlan } from "@/lib/tenants/checklist";
import { StepPlan } from "./step-plan";

const plan = (overrides: Partial<ChecklistPlan>): ChecklistPlan => ({
  action: "update",
  changes: [],
  waitingFor: [],
  notices: [],
  plannedAt: "2026-01-01T10:00:00.000Z",
  ...overrides,
});

describe("StepPlan", () => {
  it("shows the changes as field / now / after, with unset and masked values in words", () => {
    const page = renderStatic(
      createElement(StepPlan, {
        stepKey: "client",
        plan: plan({
          action: "create",
          changes: [
            { field: "name", expected: "PureEngage Client Credentials", actual: "" },
            { field: "secret", expected: "********", actual: "" },
          ],
        }),
      }),
    );
    expect(page.first("h3").textContent).toBe("What Apply will do");
    expect(page.byId("plan-client").textContent).toBe("What Apply will do");
    expect(page.first("section").getAttribute("aria-labelledby")).toBe("plan-client");
    expect(
      page
        .all("th")
        .filter((cell) => cell.getAttribute("scope") === "col")
        .map((cell) => cell.textContent),
    ).toEqual(["Field", "Now", "After"]);
    const rows = page
      .all("tr")
      .slice(1)
      .map((row) =>
        Array.from(row.getElementsByTagName("*"))
          .filter((cell) => cell.tagName === "th" || cell.tagName === "td")
          .map((cell) => cell.textContent),
      );
    expect(rows).toEqual([
      ["name", "not set", "PureEngage Client Credentials"],
      ["secret", "not set", "******** (secret, masked)"],
    ]);
    expect(page.text()).toContain("Apply will create it, setting 2 fields.");
    expect(page.text()).toContain("Planned 2026-01-01 10:00 UTC.");
  });

  it("says what a pending step waits for, and that a matching step needs nothing", () => {
    const pending = renderStatic(
      createElement(StepPlan, {
        stepKey: "object",
        plan: plan({ action: "pending", waitingFor: ["Connect the Genesys Cloud org", "SAML key material"] }),
      }),
    );
    expect(pending.text()).toContain(
      "Waiting for Connect the Genesys Cloud org, SAML key material: apply them first, then plan again to see the changes.",
    );
    expect(pending.all("table")).toHaveLength(0);
    const none = renderStatic(createElement(StepPlan, { stepKey: "org", plan: plan({ action: "none" }) }));
    expect(none.text()).toContain("Nothing to do: it already matches.");
    expect(none.first("section").getAttribute("data-action")).toBe("none");
  });

  it("lists the plan's notices with the plan, and nothing when there are none", () => {
    const page = renderStatic(
      createElement(StepPlan, {
        stepKey: "role",
        plan: plan({ notices: ["3 people hold the employee role", "the role is shared with other integrations"] }),
      }),
    );
    expect(page.byId("plan-role-notices").textContent).toBe("Before you apply");
    expect(page.all("li").map((item) => item.textContent)).toEqual([
      "3 people hold the employee role",
      "the role is shared with other integrations",
    ]);
    expect(renderStatic(createElement(StepPlan, { stepKey: "role", plan: plan({}) })).all("li")).toHaveLength(0);
  });
});
