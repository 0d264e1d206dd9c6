import { AppError } from "@/lib/errors";
import type { GenesysCloudClient, Role } from "@/lib/genesys-cloud";

/** A built-in role ("admin", "employee") of the org; its absence is something the operator must fix in Genesys Cloud. */
export async function requireDefaultRole(genesys: GenesysCloudClient, defaultRoleId: "admin" | "employee"): Promise<Role> {
  const role = await genesys.findRoleByDefaultId(defaultRoleId);
  if (!role) throw new AppError("precondition_failed", `The Genesys Cloud org has no ${defaultRoleId} role (defaultRoleId ${defaultRoleId}); restore it in Admin > Roles, then apply again.`);
  return role;
}

/** The admin role and the Home division: what the procedure grants to clients and admin users. */
export async function adminInHome(genesys: GenesysCloudClient): Promise<{ roleId: string; divisionId: string }> {
  const [admin, home] = await Promise.all([requireDefaultRole(genesys, "admin"), genesys.getHomeDivision()]);
  return { roleId: admin.id, divisionId: home.id };
}
