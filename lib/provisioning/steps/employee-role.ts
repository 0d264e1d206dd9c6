import { z } from "zod";
import { AppError } from "@/lib/errors";
import type { Role, RoleUpdate } from "@/lib/genesys-cloud";
import { readDefaultRole } from "./org-roles";
import { describeGrant, lostGrants, lostLegacyPermissions, missingPermissions, withPermissions } from "./role-policies";
import { rolePermissionsOf, SERVICES, type ServiceKey } from "../model/services";
import { defineStep, type FieldDifference, type StepContext } from "../model/step";
import type { TenantView } from "../model/tenant-view";
import { EMPLOYEE_ROLE, CONNECT_ORG } from "../model/step-keys";

const input = z.object({ permissions: z.array(z.string()).min(1) });
type Input = z.output<typeof input>;

const ADMIN_UI = "Genesys Cloud (Admin > Roles / Permissions)";

/** The employee role read by id: the roles list may abbreviate its policies. */
const employeeRole = (ctx: StepContext<Input>) => readDefaultRole(ctx.genesys(), "employee");

const missingFrom = (role: Role, wanted: string[]) => missingPermissions(role.permissionPolicies, wanted);
const asChanges = (missing: string[]): FieldDifference[] =>
  missing.map((permission) => ({ field: "permission", expected: permission, actual: "" }));

/** Who the grant licenses, in numbers when Genesys Cloud gives them (`userCount`). */
function licensingNotice(role: Role, missing: string[]): string {
  const count = role.userCount;
  const holders = count === undefined ? "Every user" : `${count} user(s) hold the role "${role.name}" now: each`;
  return (
    `${holders} gets ${missing.join(", ")} and so counts as a Predictive Engagement user for licensing, ` +
    "as will everyone who gets the role later."
  );
}

/** The role as read, with the missing permissions added; every other field and policy exactly as read. */
function updateFor(role: Role, missing: string[]): RoleUpdate {
  return {
    id: role.id,
    name: role.name,
    description: role.description,
    ...(role.defaultRoleId ? { defaultRoleId: role.defaultRoleId } : {}),
    ...(role.permissions ? { permissions: role.permissions } : {}),
    permissionPolicies: withPermissions(role.permissionPolicies, missing),
  };
}

/** What `after` no longer grants of `before`, described for operators. */
function lostBetween(before: Role, after: Pick<Role, "permissions" | "permissionPolicies">): string[] {
  const policies = lostGrants(before.permissionPolicies, after.permissionPolicies).map(describeGrant);
  return [...policies, ...lostLegacyPermissions(before.permissions, after.permissions)];
}

/** Refuses an update that would drop anything the role grants, before sending it. */
function refuseLoss(role: Role, update: RoleUpdate, missing: string[]): void {
  const byHand = `Nothing was changed. Add ${missing.join(", ")} to the role by hand in ${ADMIN_UI}, then verify.`;
  const refuse = (what: string) => new AppError("precondition_failed", `${what} ${byHand}`);
  if (role.permissionPolicies.length === 0 && !role.permissions?.length) {
    const what = `Genesys Cloud answered the role "${role.name}" without any permission policy`;
    throw refuse(`${what}, so what it grants cannot be kept.`);
  }
  const policies = update.permissionPolicies as Role["permissionPolicies"];
  const lost = lostBetween(role, { permissions: update.permissions, permissionPolicies: policies });
  if (lost.length > 0) throw refuse(`Updating the role "${role.name}" would drop ${lost.join(", ")}.`);
}

/** Reads the role again: everything it granted must still be granted, and the missing permissions added. */
async function checkUpdated(ctx: StepContext<Input>, before: Role, added: string[]): Promise<void> {
  const restore = `restore them now in ${ADMIN_UI}`;
  const after = await ctx.genesys().getRole(before.id);
  const lost = lostBetween(before, after);
  const notAdded = missingFrom(after, added);
  if (lost.length === 0 && notAdded.length === 0) return;
  const problems = [
    ...(lost.length > 0 ? [`it no longer grants ${lost.join(", ")}: users with the role lost them, ${restore}`] : []),
    ...(notAdded.length > 0 ? [`it does not grant ${notAdded.join(", ")}`] : []),
  ];
  throw new AppError(
    "precondition_failed",
    `Genesys Cloud accepted the update of the role "${before.name}", but ${problems.join("; and ")}. ` +
      "Genesys Cloud may drop permissions of products the org is not licensed for: check that the org has " +
      "Predictive Engagement and the permission names in the tenant's settings before applying again.",
  );
}

/** The services whose permissions the employee role grants. */
const servicesWithRolePermissions: ServiceKey[] = SERVICES.filter((service) => "rolePermissions" in service).map(
  (service) => service.key,
);

function sideEffects(tenant: TenantView): string[] {
  if (rolePermissionsOf(tenant).length === 0) return [];
  const permissions = rolePermissionsOf(tenant).join(", ");
  return [
    `Every user with the employee role gets the Predictive Engagement permissions (${permissions}), which ` +
      "licenses each of them for Predictive Engagement; agents signed in through the PureEngage identity provider " +
      "get that role.",
  ];
}

/** Step 7: auto-provisioned users get the employee role, so it needs the Predictive Engagement permissions. */
export const employeeRoleStep = defineStep<Input>({
  key: EMPLOYEE_ROLE,
  title: "Employee role: Predictive Engagement permissions",
  description:
    "Adds the Predictive Engagement permissions to the employee role that auto-provisioned agents get, keeping every permission the role already has.",
  phase: "genesys-cloud",
  dependsOn: [CONNECT_ORG],
  input,
  inputFrom: ({ tenant }) => ({ permissions: rolePermissionsOf(tenant) }),
  when: { anyService: servicesWithRolePermissions },
  sideEffects,

  async plan(ctx) {
    const role = await employeeRole(ctx);
    const missing = missingFrom(role, ctx.input.permissions);
    if (missing.length === 0) return { action: "none", changes: [] };
    return { action: "update", changes: asChanges(missing), notices: [licensingNotice(role, missing)] };
  },

  async apply(ctx) {
    const role = await employeeRole(ctx);
    const missing = missingFrom(role, ctx.input.permissions);
    const outputs = { roleId: role.id, roleName: role.name };
    if (missing.length === 0) return { result: "unchanged", outputs, changes: [] };
    const update = updateFor(role, missing);
    refuseLoss(role, update, missing);
    await ctx.genesys().updateRole(role.id, update);
    await checkUpdated(ctx, role, missing);
    return { result: "updated", outputs, changes: [`added to role "${role.name}": ${missing.join(", ")}`] };
  },

  async verify(ctx) {
    const missing = missingFrom(await employeeRole(ctx), ctx.input.permissions);
    return { status: missing.length > 0 ? "drifted" : "ok", differences: asChanges(missing) };
  },
});
