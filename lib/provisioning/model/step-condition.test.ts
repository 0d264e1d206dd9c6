import { describe, expect, it } from "vitest";
import { conditionHolds, conditionSql, conditionWhere } from "./step-condition";

const tenant = (services: string[], layout = "multi-tenant", adminUsers: unknown[] = []) => ({
  services,
  deployment: { layout },
  settings: { adminUsers },
});

describe("step conditions", () => {
  it("hold without a condition, and for a list only when every one holds", () => {
    expect(conditionHolds(undefined, tenant([]))).toBe(true);
    const both = [{ service: "agent-pacing" }, { layout: "multi-tenant" }] as const;
    expect(conditionHolds(both, tenant(["agent-pacing"]))).toBe(true);
    expect(conditionHolds(both, tenant(["agent-pacing"], "single-tenant"))).toBe(false);
    expect(conditionHolds(both, tenant(["predictive-engagement"]))).toBe(false);
    expect(
      conditionHolds({ anyService: ["agent-pacing", "predictive-engagement"] }, tenant(["predictive-engagement"])),
    ).toBe(true);
    expect(conditionHolds({ setting: "adminUsers" }, tenant([], "multi-tenant", [{}]))).toBe(true);
  });

  it("give no SQL and an empty filter when a step always applies, and one clause per condition of a list", () => {
    expect(conditionSql(undefined)).toBeNull();
    expect(conditionWhere(undefined)).toEqual({ AND: [] });
    const sql = conditionSql([{ service: "agent-pacing" }, { layout: "multi-tenant" }])!;
    expect(sql.sql).toBe("(? = ANY(t.services) AND d.layout = ?)");
    expect(sql.values).toEqual(["agent-pacing", "multi-tenant"]);
    expect(conditionWhere([{ service: "agent-pacing" }, { layout: "multi-tenant" }])).toEqual({
      AND: [{ services: { has: "agent-pacing" } }, { deployment: { layout: "multi-tenant" } }],
    });
  });
});
