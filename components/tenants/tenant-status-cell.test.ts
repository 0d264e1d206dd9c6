import { createElement } from "react";
import { describe, expect, it } from "vitest";
import { renderStatic } from "@/components/ui/static-markup";
import { stepProgressText } from "./status-display";
import { TenantStatusCell } from "./tenant-status-cell";

describe("the overview's progress", () => {
  it("counts steps as the checklist numbers them: the applicable ones done, and those not needed", () => {
    const summary = { status: "not-started" as const, done: 0, total: 11, notNeeded: 1, driftedSteps: 0 };
    const cell = renderStatic(createElement(TenantStatusCell, { summary }));
    expect(cell.text()).toContain("Not started");
    expect(cell.text()).toContain("0 of 11 steps done · 1 not needed");
    expect(stepProgressText({ done: 12, total: 12, notNeeded: 0 })).toBe("12 of 12 steps done");
  });

  it("says how many steps drifted on a provisioned tenant", () => {
    const summary = { status: "done" as const, done: 11, total: 11, notNeeded: 1, driftedSteps: 3 };
    expect(renderStatic(createElement(TenantStatusCell, { summary })).text()).toContain("Provisioned · 3 drifted");
  });
});
