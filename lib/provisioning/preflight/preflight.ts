// Before anything is written: does the bootstrap client hold what the steps that apply to the tenant need?
import { isGenesysCloudError, type GenesysCloudClient, type Role, type RoleDivision } from "@/lib/genesys-cloud";
import { policiesGrant } from "@/lib/genesys-cloud/permission-policies";
import { STEP_ACCESS, type GrantedRole } from "./required-permissions";
import type { TenantView } from "../model/tenant-view";

interface StepRef {
  key: string;
  title: string;
}

export interface MissingPermission {
  permission: string;
  steps: StepRef[];
  calls: string[];
}

export interface MissingRole {
  role: GrantedRole;
  steps: StepRef[];
}

export interface PreflightReport {
  clientId: string;
  /** The roles granted to the bootstrap client and where; null when they could not be read. */
  roles: { id: string; name: string; divisionId: string }[] | null;
  /** The steps that apply to the tenant: only their needs count. */
  checkedSteps: string[];
  missingPermissions: MissingPermission[];
  missingRoles: MissingRole[];
  /** Why the client's own roles could not be read; then only the permission that stopped the reading is listed. */
  unreadable?: string;
}

const refused = (error: unknown) => isGenesysCloudError(error) && error.status === 403;

type Blocked = { blockedBy: string; call: string };
type Readable = { roles: Role[]; grants: RoleDivision[] };

/**
 * The client's role grants (GET of its own OAuth client), then each of those roles read by id: entries of the roles
 * list may be abbreviated (policies left out), which would read as permissions missing.
 */
async function readOwnRoles(genesys: GenesysCloudClient, clientId: string): Promise<Readable | Blocked> {
  let grants: RoleDivision[];
  try {
    const client = await genesys.getOAuthClient(clientId);
    grants = client.roleDivisions ?? (client.roleIds ?? []).map((roleId) => ({ roleId, divisionId: "" }));
  } catch (error) {
    if (refused(error)) return { blockedBy: "oauth:client:view", call: "GET /api/v2/oauth/clients/{clientId}" };
    throw error;
  }
  const ids = [...new Set(grants.map((grant) => grant.roleId))];
  if (ids.length === 0) return { roles: [], grants };
  try {
    const roles = await Promise.all(ids.map((id) => genesys.getRole(id)));
    return { roles, grants };
  } catch (error) {
    if (refused(error))
      return { blockedBy: "authorization:role:view", call: "GET /api/v2/authorization/roles/{roleId}" };
    throw error;
  }
}

function unreadableReport(clientId: string, steps: StepRef[], blocked: Blocked): PreflightReport {
  const needs = (step: StepRef) => STEP_ACCESS[step.key]?.uses.some((need) => need.permission === blocked.blockedBy);
  const needing = steps.filter(needs);
  return {
    clientId,
    roles: null,
    checkedSteps: steps.map((step) => step.key),
    missingPermissions: [{ permission: blocked.blockedBy, steps: needing, calls: [blocked.call] }],
    missingRoles: [],
    unreadable: `it may not read its own roles (${blocked.call} needs ${blocked.blockedBy})`,
  };
}

/**
 * Lists the permissions and roles the given steps (those that apply to the tenant: `applicableStepRefs`) need and
 * the bootstrap client lacks. Reads only.
 */
export async function preflightBootstrapClient(
  genesys: GenesysCloudClient,
  tenant: TenantView,
  steps: StepRef[],
): Promise<PreflightReport> {
  const clientId = tenant.bootstrapClientId;
  const own = await readOwnRoles(genesys, clientId);
  if ("blockedBy" in own) return unreadableReport(clientId, steps, own);
  return reportOf(clientId, steps, own);
}

/** Each permission the steps need and the roles lack, with its steps and calls; each role to grant that is not held. */
function reportOf(clientId: string, steps: StepRef[], own: Readable): PreflightReport {
  const policies = own.roles.flatMap((role) => role.permissionPolicies);
  const missing = new Map<string, MissingPermission>();
  const missingRoles = new Map<GrantedRole, MissingRole>();
  for (const step of steps) {
    const access = STEP_ACCESS[step.key];
    for (const need of access?.uses ?? []) {
      if (policiesGrant(policies, need.permission)) continue;
      const gap = missing.get(need.permission) ?? { permission: need.permission, steps: [], calls: [] };
      if (!gap.steps.some((known) => known.key === step.key)) gap.steps.push(step);
      if (!gap.calls.includes(need.call)) gap.calls.push(need.call);
      missing.set(need.permission, gap);
    }
    for (const role of access?.grantsRoles ?? []) {
      if (own.roles.some((held) => held.defaultRoleId === role)) continue;
      const gap = missingRoles.get(role) ?? { role, steps: [] };
      gap.steps.push(step);
      missingRoles.set(role, gap);
    }
  }
  const names = new Map(own.roles.map((role) => [role.id, role.name]));
  return {
    clientId,
    roles: own.grants.map(({ roleId, divisionId }) => ({ id: roleId, name: names.get(roleId) ?? roleId, divisionId })),
    checkedSteps: steps.map((step) => step.key),
    missingPermissions: [...missing.values()].sort((a, b) => a.permission.localeCompare(b.permission)),
    missingRoles: [...missingRoles.values()],
  };
}

export const preflightPassed = (report: PreflightReport) =>
  report.missingPermissions.length === 0 && report.missingRoles.length === 0 && !report.unreadable;

const titles = (steps: StepRef[]) => steps.map((step) => `"${step.title}"`).join(", ");

/** One sentence per problem, for operators. */
export function preflightProblems(report: PreflightReport): string[] {
  if (report.unreadable) {
    const later = "The other permissions are checked once it can.";
    return [`The bootstrap client cannot be checked: ${report.unreadable}. ${later}`];
  }
  return [
    ...report.missingPermissions.map(
      (gap) =>
        `The bootstrap client lacks the permission ${gap.permission}, ` +
        `needed by ${titles(gap.steps)} (${gap.calls.join(", ")}).`,
    ),
    ...report.missingRoles.map(
      (gap) =>
        `The bootstrap client does not hold the ${gap.role} role, but ${titles(gap.steps)} grant it: ` +
        "Genesys Cloud lets a client grant only roles it holds itself.",
    ),
  ];
}

/** What to do about the problems: where in Genesys Cloud, on which role. */
export function preflightRemedy(report: PreflightReport): string {
  const missing = report.missingPermissions.map((gap) => gap.permission);
  const roleNames = [...new Set((report.roles ?? []).map((role) => role.name))];
  const held = roleNames.length > 0 ? ` (it has: ${roleNames.join(", ")})` : "";
  const addPermissions = `in Genesys Cloud Admin > Roles/Permissions, add ${missing.join(", ")} to a role`;
  const grantRole = (role: GrantedRole): string =>
    `in Admin > Integrations > OAuth, give the bootstrap client the ${role} role`;
  const actions = [
    ...(missing.length > 0 ? [`${addPermissions} the bootstrap client has${held}`] : []),
    ...report.missingRoles.map((gap) => `${grantRole(gap.role)} in the Home division (Roles tab)`),
  ];
  return `To fix: ${actions.join("; ")}. Changes can take a few minutes to take effect; then try again.`;
}

/** The problems and the remedy, as plan notices; empty when nothing is missing. */
export const preflightNotices = (report: PreflightReport): string[] =>
  preflightPassed(report) ? [] : [...preflightProblems(report), preflightRemedy(report)];
