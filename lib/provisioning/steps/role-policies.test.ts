import { describe, expect, it } from "vitest";
import { describeGrant, lostGrants, missingPermissions, withPermissions } from "./role-policies";

const view = { domain: "directory", entityName: "user", actionSet: ["view", "edit"] };
/** directory:user:edit for team 7 only. */
const limited = {
  domain: "directory",
  entityName: "user",
  actionSet: ["edit"],
  namedResources: ["t7"],
  allowConditions: true,
};

describe("role policies", () => {
  it("counts a permission under other limits, or without them, as a lost grant", () => {
    const lost = lostGrants([view, limited], [view]).map(describeGrant);
    expect(lost).toEqual(["directory:user:edit (limited by allowConditions, namedResources)"]);
    expect(lostGrants([limited], [{ ...limited, namedResources: ["t8"] }])).toHaveLength(1);
    expect(lostGrants([view], [{ ...view, actionSet: ["view"] }]).map(describeGrant)).toEqual(["directory:user:edit"]);
  });

  it("treats labels and empty values as no limit, and wildcards as covering", () => {
    const labelled = { ...view, policyName: "Users", namedResources: [], allowConditions: false };
    expect(lostGrants([view], [labelled])).toEqual([]);
    expect(lostGrants([{ ...labelled, policyDescription: "" }], [view])).toEqual([]);
    expect(lostGrants([view], [{ domain: "directory", entityName: "*", actionSet: ["*"] }])).toEqual([]);
    expect(lostGrants([{ ...view, resourceConditionNode: null }], [view])).toEqual([]);
  });

  it("adds a missing permission to an unlimited policy of its entity or as a new policy, keeping every field", () => {
    expect(missingPermissions([limited], ["directory:user:edit"])).toEqual(["directory:user:edit"]);
    const segments = { domain: "journey", entityName: "segment", actionSet: ["add"] };
    const merged = withPermissions([limited, segments], ["directory:user:edit", "journey:segment:view"]);
    expect(merged).toEqual([
      limited,
      { domain: "journey", entityName: "segment", actionSet: ["add", "view"] },
      { domain: "directory", entityName: "user", actionSet: ["edit"] },
    ]);
    expect(lostGrants([limited], merged)).toEqual([]);
  });
});
