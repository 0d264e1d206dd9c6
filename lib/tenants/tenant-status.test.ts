import { describe, expect, it } from "vitest";
import { catalogue, ADMIN_USERS, CONNECT_ORG, EMPLOYEE_ROLE, EWT_CLIENT, TENANT_ISOLATION } from "@/lib/provisioning";
import { applicableSteps, stepStatusOf, summarizeTenant, type TenantFacts } from "./tenant-status";

const facts = (layout: string, overrides: Partial<TenantFacts> = {}): TenantFacts => ({
  services: ["predictive-engagement"],
  settings: {},
  deployment: { layout },
  ...overrides,
});
const doneStates = (keys: string[]) =>
  keys.map((stepKey) => ({ stepKey, status: "done", verifyStatus: null, lastVerifiedAt: null }));

describe("which steps apply to a tenant", () => {
  it("leaves the isolation check out in a single-tenant deployment, as the engine does", () => {
    expect(applicableSteps(facts("single-tenant")).map((step) => step.key)).not.toContain(TENANT_ISOLATION);
    expect(applicableSteps(facts("multi-tenant")).map((step) => step.key)).toContain(TENANT_ISOLATION);
  });

  it("follows the services and the admin users to add", () => {
    const keys = (overrides: Partial<TenantFacts>) =>
      applicableSteps(facts("multi-tenant", overrides)).map((step) => step.key);
    expect(keys({ services: ["predictive-engagement", "agent-pacing"] })).toContain(EWT_CLIENT);
    expect(keys({ services: ["predictive-engagement"] })).not.toContain(EWT_CLIENT);
    expect(keys({ services: ["agent-pacing"] })).not.toContain(EMPLOYEE_ROLE);
    expect(keys({ settings: { adminUsers: [{ name: "Ops", email: "ops@example.test" }] } })).toContain(ADMIN_USERS);
    expect(keys({})).not.toContain(ADMIN_USERS);
  });

  it("calls a single-tenant deployment's tenant provisioned once every step that applies is done", () => {
    const tenant = facts("single-tenant");
    const keys = applicableSteps(tenant).map((step) => step.key);
    const summary = summarizeTenant(tenant, doneStates(keys), false);
    expect(summary).toMatchObject({ status: "done", done: keys.length, total: keys.length });
    expect(keys.length).toBeLessThan(catalogue.length);
    // The checklist numbers every step of the catalogue: the ones left out are counted too, so both add up.
    expect(summary.notNeeded).toBe(catalogue.length - keys.length);
  });

  it('calls a tenant whose step waits for the operator\'s input "needs input", not failed, unless another step failed', () => {
    const tenant = facts("multi-tenant");
    const keys = applicableSteps(tenant).map((step) => step.key);
    const waiting = { stepKey: TENANT_ISOLATION, status: "needs-input", verifyStatus: null, lastVerifiedAt: null };
    expect(stepStatusOf(waiting, true)).toBe("needs-input");
    const summary = summarizeTenant(
      tenant,
      [...doneStates(keys.filter((key) => key !== TENANT_ISOLATION)), waiting],
      false,
    );
    expect(summary).toMatchObject({ status: "needs-input", done: keys.length - 1, total: keys.length });
    expect(summary.phases.find((phase) => phase.phase === "on-premises")).toMatchObject({
      status: "needs-input",
      done: 1,
      total: 2,
    });
    const failed = { stepKey: CONNECT_ORG, status: "failed", verifyStatus: null, lastVerifiedAt: null };
    expect(summarizeTenant(tenant, [failed, waiting], false).status).toBe("failed");
    expect(summarizeTenant(tenant, [waiting], true).status).toBe("running");
  });
});
