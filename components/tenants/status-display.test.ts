import { describe, expect, it } from "vitest";
import { tenantSummaryDisplay } from "./status-display";

describe("a tenant's status with its drift", () => {
  it("says how many steps drifted after the status, and warns when the tenant is provisioned", () => {
    expect(tenantSummaryDisplay({ status: "done", driftedSteps: 3 })).toEqual({
      tone: "warning",
      label: "Provisioned · 3 drifted",
    });
    expect(tenantSummaryDisplay({ status: "failed", driftedSteps: 1 })).toEqual({
      tone: "danger",
      label: "Failed · 1 drifted",
    });
    expect(tenantSummaryDisplay({ status: "done", driftedSteps: 0 })).toEqual({
      tone: "success",
      label: "Provisioned",
    });
  });
});
