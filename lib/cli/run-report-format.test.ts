import { describe, expect, it } from "vitest";
import type { RunReport, StepReport } from "@/lib/provisioning";
import { formatRunReport } from "./run-report-format";
import { CONNECT_ORG, EMPLOYEE_ROLE, TENANT_ISOLATION, TRANSACTION_OBJECT } from "@/lib/provisioning";

const lines = (report: Pick<RunReport, "mode" | "status" | "steps">) =>
  formatRunReport("Main/Acme", { runId: "run-1", correlationId: "corr-1", ...report }).split("\n");

describe("run reports in the CLI", () => {
  it("print a step that needs input apart from failures, and a step not run with the step it waits for", () => {
    const steps: StepReport[] = [
      {
        stepKey: TRANSACTION_OBJECT,
        title: "Transaction object",
        status: "succeeded",
        result: "unchanged",
        changes: [],
      },
      {
        stepKey: TENANT_ISOLATION,
        title: "Tenant isolation check",
        status: "needs-input",
        needsInput: { input: "a sample agent", message: 'Enter a sample agent of tenant "Acme".' },
      },
      {
        stepKey: "later",
        title: "Later step",
        status: "not-run",
        reason: 'Not run: it waits for "Tenant isolation check", which needs input.',
        blockedBy: [TENANT_ISOLATION],
      },
    ];
    expect(lines({ mode: "apply", status: "needs-input", steps })).toEqual([
      "apply Main/Acme: needs-input (run run-1, correlation corr-1)",
      "  unchanged Transaction object",
      '  ? Tenant isolation check: needs input: Enter a sample agent of tenant "Acme".',
      '  not-run Later step — Not run: it waits for "Tenant isolation check", which needs input.',
    ]);
  });

  it("print a plan's notices and the step's side effects under it, before anything is applied", () => {
    const steps: StepReport[] = [
      {
        stepKey: EMPLOYEE_ROLE,
        title: "Employee role",
        status: "succeeded",
        plan: {
          action: "update",
          changes: [{ field: "journey:session:view", expected: "granted", actual: "" }],
          notices: ["the role has 3 holders"],
        },
        sideEffects: ["licenses every holder of the employee role for Predictive Engagement"],
      },
      { stepKey: CONNECT_ORG, title: "Connect", status: "succeeded", plan: { action: "none", changes: [] } },
    ];
    expect(lines({ mode: "plan", status: "succeeded", steps })).toEqual([
      "plan Main/Acme: succeeded (run run-1, correlation corr-1)",
      "  update  Employee role — journey:session:view:  → granted",
      "          side effect: licenses every holder of the employee role for Predictive Engagement",
      "          note: the role has 3 holders",
      "  none    Connect",
    ]);
  });
});
