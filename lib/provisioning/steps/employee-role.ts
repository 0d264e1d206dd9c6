import { z } from "zod";
import type { PermissionPolicy, Role } from "@/lib/genesys-cloud";
import { requireDefaultRole } from "../org-roles";
import { defineStep, type StepContext } from "../step";

export const EMPLOYEE_ROLE = "employee-role";

const input = z.object({ permissions: z.array(z.string()).min(1) });
type Input = z.output<typeof input>;

const permissionsOf = (policies: PermissionPolicy[]) =>
  new Set(policies.flatMap((policy) => policy.actionSet.map((action) => `${policy.domain}:${policy.entityName}:${action}`)));

/** Whether a role's (expanded) policies grant the permission; wildcards count. */
function grants(held: Set<string>, permission: string): boolean {
  const [domain, entity, action] = permission.split(":");
  return [permission, `${domain}:*:${action}`, `${domain}:${entity}:*`, `${domain}:*:*`].some((candidate) => held.has(candidate));
}

const employeeRole = (ctx: StepContext<Input>) => requireDefaultRole(ctx.genesys(), "employee");

const missingFrom = (role: Role, wanted: string[]) => wanted.filter((permission) => !grants(permissionsOf(role.permissionPolicies), permission));

/** Every existing policy, with the missing actions added to the policy of their domain and entity (or a new one). */
function withPermissions(policies: PermissionPolicy[], missing: string[]): PermissionPolicy[] {
  const merged = policies.map((policy) => ({ ...policy, actionSet: [...policy.actionSet] }));
  for (const permission of missing) {
    const [domain = "", entityName = "", action = ""] = permission.split(":");
    const policy = merged.find((candidate) => candidate.domain === domain && candidate.entityName === entityName);
    if (policy) policy.actionSet.push(action);
    else merged.push({ domain, entityName, actionSet: [action] });
  }
  return merged;
}

/** Step 7: auto-provisioned users get the employee role, so it needs the Predictive Engagement permissions. */
export const employeeRoleStep = defineStep<Input>({
  key: EMPLOYEE_ROLE,
  title: "Employee role: Predictive Engagement permissions",
  description: "Adds the Predictive Engagement permissions to the employee role that auto-provisioned agents get, keeping every permission the role already has.",
  phase: "genesys-cloud",
  dependsOn: ["connect-org"],
  input,
  inputFrom: ({ tenant }) => ({ permissions: tenant.settings.employeePermissions }),
  appliesTo: (tenant) => tenant.services.predictiveEngagement,

  async plan(ctx) {
    const missing = missingFrom(await employeeRole(ctx), ctx.input.permissions);
    return { action: missing.length > 0 ? "update" : "none", changes: missing.map((permission) => ({ field: "permission", expected: permission, actual: "" })) };
  },

  async apply(ctx) {
    const role = await employeeRole(ctx);
    const missing = missingFrom(role, ctx.input.permissions);
    const outputs = { roleId: role.id, roleName: role.name };
    if (missing.length === 0) return { result: "unchanged", outputs, changes: [] };
    await ctx.genesys().updateRole(role.id, {
      id: role.id,
      name: role.name,
      description: role.description,
      permissions: role.permissions,
      permissionPolicies: withPermissions(role.permissionPolicies, missing),
    });
    return { result: "updated", outputs, changes: [`added to role "${role.name}": ${missing.join(", ")}`] };
  },

  async verify(ctx) {
    const missing = missingFrom(await employeeRole(ctx), ctx.input.permissions);
    return { status: missing.length > 0 ? "drifted" : "ok", differences: missing.map((permission) => ({ field: "permission", expected: permission, actual: "" })) };
  },
});
