import { AppError } from "@/lib/errors";
import type { GenesysCloudClient, Role } from "@/lib/genesys-cloud";

/** The built-in roles the procedure uses, read together so that a run's read cache answers for both. */
const BUILT_IN_ROLES = ["admin", "employee"] as const;

/** A built-in role ("admin", "employee") of the org; its absence is something the operator must fix in Genesys Cloud. */
export async function requireDefaultRole(
  genesys: GenesysCloudClient,
  defaultRoleId: (typeof BUILT_IN_ROLES)[number],
): Promise<Role> {
  const builtIn = await genesys.listRoles({ defaultRoleId: [...BUILT_IN_ROLES] });
  const role = builtIn.entities.find((candidate) => candidate.defaultRoleId === defaultRoleId);
  if (!role)
    throw new AppError(
      "precondition_failed",
      `The Genesys Cloud org has no ${defaultRoleId} role (defaultRoleId ${defaultRoleId}); restore it in Admin > Roles, then apply again.`,
    );
  return role;
}

/**
 * A built-in role read by its id. Roles list entries may be abbreviated (policies left out or cut short), so anything
 * that reads or writes a role's permissions starts from this read, never from the list.
 */
export async function readDefaultRole(
  genesys: GenesysCloudClient,
  defaultRoleId: (typeof BUILT_IN_ROLES)[number],
): Promise<Role> {
  return genesys.getRole((await requireDefaultRole(genesys, defaultRoleId)).id);
}

/** The admin role and the Home division: what the procedure grants to clients and admin users. */
export async function adminInHome(genesys: GenesysCloudClient): Promise<{ roleId: string; divisionId: string }> {
  const [admin, home] = await Promise.all([requireDefaultRole(genesys, "admin"), genesys.getHomeDivision()]);
  return { roleId: admin.id, divisionId: home.id };
}
