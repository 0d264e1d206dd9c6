import { describe, expect, it } from "vitest";
import { DEFAULT_EMPLOYEE_PERMISSIONS } from "../model/services";
import { chooseProbe } from "./smoke-probes";

const context = { orgId: "org-1", predictiveEngagement: true, employeePermissions: [...DEFAULT_EMPLOYEE_PERMISSIONS] };

describe("chooseProbe", () => {
  it("prefers the Predictive Engagement read, which also proves the employee role's permission", () => {
    expect(chooseProbe(["journey"], context).probe?.key).toBe("journey-action-maps");
    expect(chooseProbe(["organization:readonly", "journey:readonly"], context).probe?.key).toBe("journey-action-maps");
    const wildcard = { ...context, employeePermissions: ["journey:*:view"] };
    expect(chooseProbe(["journey"], wildcard).probe?.key).toBe("journey-action-maps");
  });

  it("falls back to reading the org when the journey read cannot prove anything for the tenant", () => {
    const withoutPredictiveEngagement = { ...context, predictiveEngagement: false };
    expect(chooseProbe(["journey", "organization"], withoutPredictiveEngagement).probe?.key).toBe("organization");
    expect(chooseProbe(["organization:readonly"], context).probe?.key).toBe("organization");
  });

  it("says why there is no probe", () => {
    expect(chooseProbe(["journey"], { ...context, employeePermissions: ["journey:session:view"] })).toEqual({
      probe: null,
      why:
        "GET /api/v2/journey/actionmaps?pageSize=1 (scope journey or journey:readonly): " +
        "the employee permissions setting does not list journey:actionmap:view",
    });
    expect(chooseProbe(["users"], context)).toEqual({
      probe: null,
      why:
        "none of the client's scopes (users) is one with a known probe " +
        "(journey, journey:readonly, organization, organization:readonly)",
    });
  });
});
