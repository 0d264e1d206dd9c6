import { afterEach, describe, expect, it } from "vitest";
import { conditionalPolicy } from "@/sandbox/genesys-cloud/test-support";
import { applyTenant, planTenant, type RunReport } from "./engine";
import { employeeRoleStep } from "../steps/employee-role";
import { DEFAULT_EMPLOYEE_PERMISSIONS } from "../model/services";
import { loadTenantView } from "../model/tenant-view";
import { startProvisioningKit, type KitOptions, type ProvisioningKit } from "../test-support";
import { CONNECT_ORG, EMPLOYEE_ROLE } from "../model/step-keys";

type Org = Parameters<NonNullable<KitOptions["editGenesysOrg"]>>[0];
type Policy = Record<string, unknown> & { domain: string; entityName: string; actionSet: string[] };

let kit: ProvisioningKit | undefined;
afterEach(async () => {
  await kit?.close();
  kit = undefined;
});

const employeeOf = (org: Org) => org.roles!.find((role) => role.defaultRoleId === "employee")!;

async function start(edit: (org: Org) => void): Promise<ProvisioningKit> {
  kit = await startProvisioningKit({ editGenesysOrg: edit });
  expect((await applyTenant(kit.tenant.id, kit.engine, CONNECT_ORG)).status).toBe("succeeded");
  return kit;
}

/** The employee role as Genesys Cloud answers it by id. */
async function employeeRole(): Promise<{ permissionPolicies: Policy[] }> {
  const org = await kit!.genesysOrg();
  const id = org.roles.find((role) => role.defaultRoleId === "employee")!.id;
  return (await kit!.genesysApi("GET", `/api/v2/authorization/roles/${id}`)).body as { permissionPolicies: Policy[] };
}

/** Permissions granted by policies without named resources. */
const granted = (policies: Policy[]) =>
  policies
    .filter((policy) => !policy.namedResources || (policy.namedResources as string[]).length === 0)
    .flatMap((p) => p.actionSet.map((a) => `${p.domain}:${p.entityName}:${a}`));
const stepOf = (report: RunReport) => report.steps[0]!;

describe("employee role", () => {
  const listings = ["omitted", "bare"] as const;
  it.each(listings)("keeps every policy, field by field, when the roles list answers policies %s", async (listing) => {
    await start((org) => {
      org.roleListPolicies = listing;
      employeeOf(org).permissionPolicies!.push(conditionalPolicy);
    });
    const before = (await employeeRole()).permissionPolicies;
    expect(before).toContainEqual(conditionalPolicy);

    const report = await applyTenant(kit!.tenant.id, kit!.engine, EMPLOYEE_ROLE);
    expect(stepOf(report)).toMatchObject({ status: "succeeded", result: "updated" });
    const after = (await employeeRole()).permissionPolicies;
    for (const policy of before) expect(after).toContainEqual(policy);
    expect(granted(after)).toEqual(expect.arrayContaining([...DEFAULT_EMPLOYEE_PERMISSIONS, "directory:user:view"]));
  });

  it("adds a wanted permission next to a grant of it that is limited, not into it", async () => {
    const limitedSegments: Policy = { domain: "journey", entityName: "segment", actionSet: ["view"] };
    limitedSegments.namedResources = ["segment-1"];
    await start((org) => employeeOf(org).permissionPolicies!.push(limitedSegments));
    const report = await applyTenant(kit!.tenant.id, kit!.engine, EMPLOYEE_ROLE);
    expect(stepOf(report)).toMatchObject({ status: "succeeded", result: "updated" });
    const after = (await employeeRole()).permissionPolicies;
    expect(after).toContainEqual({ ...limitedSegments, allowConditions: false });
    expect(granted(after)).toContain("journey:segment:view");
  });

  it("fails naming what Genesys Cloud dropped from the role, and what it did not add", async () => {
    await start((org) => {
      org.unlicensedDomains = ["journey"];
      employeeOf(org).permissionPolicies!.push({ domain: "journey", entityName: "session", actionSet: ["view"] });
    });
    const report = await applyTenant(kit!.tenant.id, kit!.engine, EMPLOYEE_ROLE);
    expect(stepOf(report)).toMatchObject({ status: "failed", error: { code: "precondition_failed" } });
    const message = stepOf(report).error!.message;
    const notAdded = DEFAULT_EMPLOYEE_PERMISSIONS.filter((permission) => permission !== "journey:session:view");
    expect(message).toContain(
      'Genesys Cloud accepted the update of the role "employee", but it no longer grants journey:session:view: users ' +
        "with the role lost them, restore them now in Genesys Cloud (Admin > Roles / Permissions); " +
        `and it does not grant ${notAdded.join(", ")}. `,
    );
    expect(message).toMatch(/check that the org has Predictive Engagement/);
    const where = { tenantId_stepKey: { tenantId: kit!.tenant.id, stepKey: EMPLOYEE_ROLE } };
    expect((await kit!.db.stepState.findUniqueOrThrow({ where })).status).toBe("failed");
  });

  it("refuses to write a role answered without any policy, and says what to do", async () => {
    await start((org) => (employeeOf(org).permissionPolicies = []));
    const report = await applyTenant(kit!.tenant.id, kit!.engine, EMPLOYEE_ROLE);
    expect(stepOf(report)).toMatchObject({ status: "failed", error: { code: "precondition_failed" } });
    expect(stepOf(report).error!.message).toBe(
      'Genesys Cloud answered the role "employee" without any permission policy, so what it grants cannot be kept. ' +
        `Nothing was changed. Add ${DEFAULT_EMPLOYEE_PERMISSIONS.join(", ")} to the role by hand in Genesys Cloud ` +
        "(Admin > Roles / Permissions), then verify.",
    );
    const writes = await kit!.genesysWrites();
    const roleWrites = writes.filter((write) => write.path.startsWith("/api/v2/authorization/roles"));
    expect(roleWrites).toEqual([]);
  });

  it("says before apply that every holder of the role gets licensed, and how many hold it now", async () => {
    await start(() => undefined);
    const plans = (await planTenant(kit!.tenant.id, kit!.engine)).steps;
    const plan = plans.find((step) => step.stepKey === EMPLOYEE_ROLE)!.plan!;
    const permissions = DEFAULT_EMPLOYEE_PERMISSIONS.join(", ");
    expect(plan.action).toBe("update");
    expect(plan.notices).toEqual([
      `2 user(s) hold the role "employee" now: each gets ${permissions} and so counts as a Predictive Engagement ` +
        "user for licensing, as will everyone who gets the role later.",
    ]);
    const tenant = await loadTenantView(kit!.db, kit!.tenant.id);
    expect(employeeRoleStep.sideEffects?.(tenant)).toEqual([
      `Every user with the employee role gets the Predictive Engagement permissions (${permissions}), which licenses ` +
        "each of them for Predictive Engagement; agents signed in through the PureEngage identity provider get " +
        "that role.",
    ]);
    const withoutPredictiveEngagement = {
      ...tenant,
      services: tenant.services.filter((key) => key !== "predictive-engagement"),
    };
    expect(employeeRoleStep.sideEffects?.(withoutPredictiveEngagement)).toEqual([]);
  });
});
